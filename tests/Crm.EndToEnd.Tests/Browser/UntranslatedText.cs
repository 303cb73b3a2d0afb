using System.Text.RegularExpressions;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>
/// Finds what a zh-CN page shows untranslated: a visible text that reads the same on the en page and holds an English
/// word. Data (names, ids, subjects) is excluded by the caller; brands and acronyms by the allowlist.
/// </summary>
public static partial class UntranslatedText
{
    /// <summary>Words that read the same in Chinese: brands, acronyms, the English language's own name in the switch.</summary>
    public static readonly IReadOnlySet<string> SameInBoth = new HashSet<string>(StringComparer.Ordinal)
    {
        "Crm", "SLA", "VIP", "UTC", "English", "CSV", "API", "OpenAPI", "URL", "https", "Webhook", "JSON", "HMAC", "SHA", "ETag", "IANA",
    };

    public static IReadOnlyList<string> Find(IEnumerable<string> english, IEnumerable<string> chinese, Func<string, bool> isData)
    {
        var shownInEnglish = english.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. chinese.Select(Normalize)
                .Where(text => shownInEnglish.Contains(text) && !isData(text) && HasEnglishWord(text))
                .Distinct(StringComparer.Ordinal),
        ];
    }

    public static bool HasEnglishWord(string text) => Word().Matches(text).Any(m => !SameInBoth.Contains(m.Value));

    private static string Normalize(string text) => Spaces().Replace(text, " ").Trim();

    // A run of two or more letters standing alone: "ab" inside a hex id or "px" in "240px" is not a word.
    [GeneratedRegex(@"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_])")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
