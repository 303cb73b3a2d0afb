using PdfSharp.Fonts;

namespace Crm.Reporting.Pdf;

/// <summary>
/// Gives PDFsharp the report fonts from the files <c>scripts/ensure-fonts.sh</c> installs, never the machine's font
/// search: the PDF embeds exactly these, so it reads the same everywhere, Chinese included.
/// </summary>
internal sealed class ReportFontResolver : IFontResolver
{
    private const string Cjk = "report-cjk";
    private const string Latin = "report-latin";
    private const string LatinBold = "report-latin-bold";

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        familyName == ReportFonts.CjkFamily ? new FontResolverInfo(Cjk, mustSimulateBold: isBold, mustSimulateItalic: isItalic)
        : isBold ? new FontResolverInfo(LatinBold, false, isItalic)
        : new FontResolverInfo(Latin, false, isItalic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        Cjk => ReportFonts.Read(ReportFonts.CjkPath),
        LatinBold => ReportFonts.Read(ReportFonts.LatinBoldPath),
        _ => ReportFonts.Read(ReportFonts.LatinPath),
    };
}
