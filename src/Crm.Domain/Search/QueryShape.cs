namespace Crm.Domain.Search;

/// <summary>What a text typed into the one search box looks like, so it is asked of the index that can answer it.</summary>
public enum QueryShape
{
    /// <summary>Words: a name, an order reference, a case's subject.</summary>
    Words = 0,

    /// <summary>A phone number: digits with at most the separators people type (+, spaces, dashes, dots, brackets).</summary>
    Phone = 1,

    /// <summary>An e-mail address: one '@' between non-empty parts, no spaces.</summary>
    Email = 2,
}

public static class QueryShapes
{
    /// <summary>Fewer digits than this is no phone number the lookup could find (its rule: 5 to 15 digits).</summary>
    public const int MinPhoneDigits = 5;

    public static QueryShape Of(string? query)
    {
        var text = query?.Trim() ?? "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace))
        {
            return QueryShape.Email;
        }

        var digits = text.Count(char.IsAsciiDigit);
        return digits >= MinPhoneDigits && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')')
            ? QueryShape.Phone
            : QueryShape.Words;
    }
}
