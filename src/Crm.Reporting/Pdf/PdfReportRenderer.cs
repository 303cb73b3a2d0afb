using Crm.Reporting.Reports;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Crm.Reporting.Pdf;

/// <summary>
/// A report as a PDF with the same content as the HTML page: header, sections, the same chart images, every table
/// (wrapped, split across pages), A4 portrait. The fonts are embedded, so Chinese text reads back from the file.
/// </summary>
public static class PdfReportRenderer
{
    private const double Margin = 40;
    private const double TableFontSize = 7.5;
    private const double CellPadding = 3;

    private static readonly Lock Gate = new();

    public static byte[] Render(ServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Creator = "Crm";
        var writer = new PageWriter(document);
        writer.Heading(report.Title, 16);
        foreach (var (label, value) in report.Header)
        {
            writer.Paragraph($"{label}: {value}", 9);
        }

        foreach (var section in report.Sections)
        {
            writer.Gap(8);
            writer.Heading(section.Title, 12);
            foreach (var p in section.Paragraphs)
            {
                writer.Paragraph(p, 9);
            }

            foreach (var chart in section.Charts)
            {
                writer.Image(chart.Png, chart.Width, chart.Height);
            }

            foreach (var table in section.Tables)
            {
                writer.Table(table);
            }
        }

        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void EnsureFonts()
    {
        lock (Gate)
        {
            // PDFsharp takes one resolver per process; set it once, before the first font is made.
            if (GlobalFontSettings.FontResolver is not ReportFontResolver)
            {
                GlobalFontSettings.FontResolver = new ReportFontResolver();
            }
        }
    }

    /// <summary>Lays content out top to bottom, starting a new page when the next block does not fit.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private static readonly XPdfFontOptions Options = new(PdfFontEncoding.Unicode);
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private double Width => _page!.Width.Point - (2 * Margin);

        private double Bottom => _page!.Height.Point - Margin;

        public void Heading(string text, double size) => Lines(text, new MixedFont(size, bold: true), 1.4);

        public void Paragraph(string text, double size) => Lines(text, new MixedFont(size, bold: false), 1.35);

        public void Gap(double points) => _y += points;

        public void Image(byte[] png, int width, int height)
        {
            var gfx = Graphics();
            using var image = XImage.FromStream(new MemoryStream(png));
            var w = Math.Min(Width, width * 0.6);
            var h = w * height / width;
            Reserve(h + 6);
            gfx = Graphics();
            gfx.DrawImage(image, Margin, _y, w, h);
            _y += h + 6;
        }

        public void Table(ReportTable table)
        {
            var font = new MixedFont(TableFontSize, bold: false);
            var bold = new MixedFont(TableFontSize, bold: true);
            Lines(table.Title, new MixedFont(9.5, bold: true), 1.4);
            var columnWidth = Width / table.Columns.Count;
            Row(table.Columns, bold, columnWidth, header: true);
            foreach (var row in table.Rows)
            {
                Row([.. row.Select(c => c.Text)], font, columnWidth, header: false);
            }

            _y += 6;
        }

        public void Dispose() => _gfx?.Dispose();

        private void Row(IReadOnlyList<string> cells, MixedFont font, double columnWidth, bool header)
        {
            var gfx = Graphics();
            var wrapped = cells.Select(c => Wrap(gfx, c, font, columnWidth - (2 * CellPadding))).ToList();
            var lineHeight = font.Size * 1.3;
            var height = (wrapped.Max(w => w.Count) * lineHeight) + (2 * CellPadding);
            if (Reserve(height))
            {
                gfx = Graphics();
            }

            for (var i = 0; i < cells.Count; i++)
            {
                var x = Margin + (i * columnWidth);
                if (header)
                {
                    gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(246, 248, 250)), x, _y, columnWidth, height);
                }

                gfx.DrawRectangle(new XPen(XColor.FromArgb(208, 215, 222), 0.5), x, _y, columnWidth, height);
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    font.Draw(gfx, wrapped[i][l], x + CellPadding, _y + CellPadding + ((l + 0.8) * lineHeight));
                }
            }

            _y += height;
        }

        private void Lines(string text, MixedFont font, double spacing)
        {
            var gfx = Graphics();
            var lineHeight = font.Size * spacing;
            foreach (var line in Wrap(gfx, text, font, Width))
            {
                if (Reserve(lineHeight))
                {
                    gfx = Graphics();
                }

                font.Draw(gfx, line, Margin, _y + (lineHeight * 0.8));
                _y += lineHeight;
            }
        }

        /// <summary>Breaks at spaces where it can, anywhere else when it must (Chinese has no spaces).</summary>
        private static List<string> Wrap(XGraphics gfx, string text, MixedFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var ch in text)
            {
                var candidate = current + ch;
                if (current.Length > 0 && font.Measure(gfx, candidate) > width)
                {
                    var space = current.LastIndexOf(' ');
                    if (space > 0 && ch != ' ')
                    {
                        lines.Add(current[..space]);
                        current = current[(space + 1)..] + ch;
                    }
                    else
                    {
                        lines.Add(current.TrimEnd());
                        current = ch == ' ' ? "" : ch.ToString();
                    }
                }
                else
                {
                    current = candidate;
                }
            }

            lines.Add(current);
            return lines;
        }

        /// <summary>Makes room for <paramref name="height"/>; true when that took a new page.</summary>
        private bool Reserve(double height)
        {
            Graphics();
            if (_y + height <= Bottom)
            {
                return false;
            }

            NewPage();
            return true;
        }

        private XGraphics Graphics()
        {
            if (_gfx is null)
            {
                NewPage();
            }

            return _gfx!;
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }
    }

    /// <summary>
    /// Chinese from the CJK font, everything else from the Latin one, run by run: neither font has both, and PDFsharp
    /// does not fall back on its own.
    /// </summary>
    private sealed class MixedFont(double size, bool bold)
    {
        private static readonly XPdfFontOptions Options = new(PdfFontEncoding.Unicode);
        private readonly XFont _cjk = new(ReportFonts.CjkFamily, size, XFontStyleEx.Regular, Options);
        private readonly XFont _latin = new(ReportFonts.LatinFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Options);

        public double Size => size;

        public double Measure(XGraphics gfx, string text) => Runs(text).Sum(r => gfx.MeasureString(r.Text, r.Font).Width);

        public void Draw(XGraphics gfx, string text, double x, double baseline)
        {
            foreach (var (run, font) in Runs(text))
            {
                gfx.DrawString(run, font, XBrushes.Black, new XPoint(x, baseline));
                x += gfx.MeasureString(run, font).Width;
            }
        }

        private IEnumerable<(string Text, XFont Font)> Runs(string text)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i == text.Length || ReportFonts.IsCjk(text[i]) != ReportFonts.IsCjk(text[start]))
                {
                    yield return (text[start..i], ReportFonts.IsCjk(text[start]) ? _cjk : _latin);
                    start = i;
                }
            }
        }
    }
}
