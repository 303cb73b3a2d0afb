namespace Crm.Domain.Localization;

/// <summary>
/// The languages every page, message and report comes in. A user's choice and a tenant's default are stored as one of
/// these culture names; anything else a caller sends is refused rather than guessed.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    /// <summary>The neutral resources are English, so English is what a request falls back to.</summary>
    public const string Default = English;

    public static readonly IReadOnlyList<string> All = [English, Chinese];

    public const string Rule = "A language is 'en' or 'zh-CN'.";

    /// <summary>The longest language tag read (RFC 5646 4.4.1 asks for at least 35); ours are far shorter.</summary>
    public const int MaxTagLength = 35;

    /// <summary>The supported culture name <paramref name="value"/> means ("zh", "zh-cn", "zh-Hans" → "zh-CN"; "en-US" → "en"), or null.</summary>
    public static string? Normalize(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }

        if (v.Equals("zh", StringComparison.OrdinalIgnoreCase) || v.StartsWith("zh-CN", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase) || v.Equals("zh-SG", StringComparison.OrdinalIgnoreCase))
        {
            return Chinese;
        }

        return v.Equals("en", StringComparison.OrdinalIgnoreCase) || v.StartsWith("en-", StringComparison.OrdinalIgnoreCase) ? English : null;
    }
}
