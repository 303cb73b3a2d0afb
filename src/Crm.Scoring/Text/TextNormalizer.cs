using System.Text;

namespace Crm.Scoring;

/// <summary>Pure text clean-up applied before featurization, the same in training and in serving.</summary>
public static class TextNormalizer
{
    /// <summary>Removes a stray BOM and zero-width characters, which some exports leave inside the first field.</summary>
    public static string StripInvisible(string text) =>
        text.IndexOfAny(Invisible) < 0 ? text : new string(text.Where(c => Array.IndexOf(Invisible, c) < 0).ToArray());

    /// <summary>
    /// Full-width ASCII (！，ＡＢＣ１２３) and the ideographic space to half-width, and the rest of NFKC, so "不错！" and
    /// "不错!" share features; lower case. NFKC's own compatibility mappings fold the full widths (U+FF01-U+FF5E to
    /// U+0021-U+007E, U+3000 to a space), so no table of our own is needed.
    /// </summary>
    public static string Normalize(string text) => StripInvisible(text).Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static readonly char[] Invisible = ['\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060'];
}
