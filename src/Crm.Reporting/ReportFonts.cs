namespace Crm.Reporting;

/// <summary>
/// The fonts reports draw and embed, installed by <c>scripts/ensure-fonts.sh</c>: Droid Sans Fallback for Chinese
/// (TrueType outlines, so PDFsharp can embed it; Noto CJK's CFF outlines it cannot) and DejaVu Sans for Latin text.
/// </summary>
public static class ReportFonts
{
    public const string CjkFamily = "Droid Sans Fallback";
    public const string LatinFamily = "DejaVu Sans";
    public const string CjkPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
    public const string LatinPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string LatinBoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>Whether a character is drawn with the CJK font: CJK ideographs and punctuation, kana, fullwidth forms.</summary>
    public static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>The font for a chart label: the CJK one when the text holds Chinese (chart labels are never mixed).</summary>
    public static string FamilyFor(string text) => text.Any(IsCjk) ? CjkFamily : LatinFamily;

    /// <exception cref="FileNotFoundException">The fonts are not installed; run scripts/ensure-fonts.sh.</exception>
    public static byte[] Read(string path) =>
        File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Report font {path} is missing; run scripts/ensure-fonts.sh.", path);
}
