using System.Text;

namespace Crm.Scoring;

/// <summary>Pure text clean-up applied before featurization, the same in training and in serving.</summary>
public static class TextNormalizer
{
    /// <summary>Removes a stray BOM and zero-width characters, which some exports leave inside the first field.</summary>
    public static string StripInvisible(string text) =>
        text.IndexOfAny(Invisible) < 0 ? text : new string(text.Where(c => Array.IndexOf(Invisible, c) < 0).ToArray());

    /// <summary>
    /// Full-width ASCII (！，ＡＢＣ１２３) to half-width and NFKC, so "不错！" and "不错!" share features; lower case.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in StripInvisible(text))
        {
            builder.Append(c switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                _ => c,
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    private static readonly char[] Invisible = ['\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060'];
}
