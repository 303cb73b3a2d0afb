namespace Crm.Client.Infrastructure;

/// <summary>An enum filter in a query string ("?kind=Complaint"), matched by the same rule as bodies (<see cref="StrictEnumConverter"/>).</summary>
public static class QueryEnums
{
    /// <summary>Null when left out or empty; otherwise the value named exactly, or an error on <paramref name="field"/>.</summary>
    public static TEnum? Parse<TEnum>(string? value, string field, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (StrictEnumConverter.Parse<TEnum>(value) is { } parsed)
        {
            return parsed;
        }

        errors[field] = [StrictEnumConverter.Rule(typeof(TEnum))];
        return null;
    }
}
