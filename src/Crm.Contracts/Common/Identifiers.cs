using System.Text.RegularExpressions;

namespace Crm.Contracts.Common;

/// <summary>Shapes of the ids that appear in URLs and grain keys.</summary>
public static partial class Identifiers
{
    public const int MaxTenantIdLength = 40;
    public const int MaxEntityIdLength = 64;

    /// <summary>The tenant id rule as an ECMA-262 pattern, for the API document (where '$' ends the text).</summary>
    public const string TenantIdPattern = "^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$";

    /// <summary>The entity id rule as an ECMA-262 pattern, for the API document.</summary>
    public const string EntityIdPattern = "^[A-Za-z0-9_-]{1,64}$";

    /// <summary>Tenant ids are short lowercase slugs ("acme-mall"): readable in URLs and logs, safe in keys.</summary>
    public static bool IsTenantId(string? value) => value is not null && TenantPattern().IsMatch(value);

    /// <summary>Entity ids are 1-64 letters, digits, '-' or '_'; generated ids are 32 hex digits.</summary>
    public static bool IsEntityId(string? value) => value is not null && EntityPattern().IsMatch(value);

    /// <summary>A new time-ordered id, so that index rows sort by creation.</summary>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    // .NET's '$' would also match before a final '\n'; '\z' ends the text.
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?\z")]
    private static partial Regex TenantPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex EntityPattern();
}
