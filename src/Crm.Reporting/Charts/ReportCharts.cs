using Crm.Reporting.Reports;
using ScottPlot;

namespace Crm.Reporting.Charts;

/// <summary>The report's charts, drawn once by ScottPlot as PNG; the HTML page and the PDF show the same image.</summary>
public static class ReportCharts
{
    public const int Width = 800;
    public const int Height = 360;

    private static readonly Lock FontGate = new();
    private static bool _fontsAdded;

    public static ReportChart Volumes(ReportText t, IReadOnlyList<(string Period, long Opened, long Resolved)> series)
    {
        var plot = NewPlot(t);
        var opened = plot.Add.Bars(series.Select((_, i) => i - 0.2).ToArray(), series.Select(s => (double)s.Opened).ToArray());
        opened.LegendText = t["ColOpened"];
        opened.Color = Color.FromHex("#1f6feb");
        foreach (var bar in opened.Bars)
        {
            bar.Size = 0.4;
        }

        var resolved = plot.Add.Bars(series.Select((_, i) => i + 0.2).ToArray(), series.Select(s => (double)s.Resolved).ToArray());
        resolved.LegendText = t["ColResolved"];
        resolved.Color = Color.FromHex("#2da44e");
        foreach (var bar in resolved.Bars)
        {
            bar.Size = 0.4;
        }

        plot.Axes.Bottom.SetTicks([.. series.Select((_, i) => (double)i)], [.. series.Select(s => s.Period)]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(t["ChartVolumes"]);
        plot.XLabel(t["ChartPeriodAxis"]);
        plot.YLabel(t["ChartCountAxis"]);
        plot.ShowLegend(Alignment.UpperLeft);
        return Render("volumes", t["ChartVolumes"], plot, series.Select(s => s.Period));
    }

    public static ReportChart Shares(ReportText t, IReadOnlyList<(string Target, double? Share)> shares)
    {
        var plot = NewPlot(t);
        var bars = plot.Add.Bars(shares.Select((_, i) => (double)i).ToArray(), shares.Select(s => (s.Share ?? 0) * 100).ToArray());
        bars.Color = Color.FromHex("#1f6feb");
        plot.Axes.Bottom.SetTicks([.. shares.Select((_, i) => (double)i)], [.. shares.Select(s => s.Target)]);
        plot.Axes.SetLimitsY(0, 105);
        plot.Title(t["ChartShares"]);
        plot.YLabel(t["ChartShareAxis"]);
        return Render("shares", t["ChartShares"], plot, shares.Select(s => s.Target));
    }

    internal static Plot NewPlot(ReportText t)
    {
        lock (FontGate)
        {
            if (!_fontsAdded)
            {
                ReportFonts.Read(ReportFonts.CjkPath);
                ReportFonts.Read(ReportFonts.LatinPath);
                Fonts.AddFontFile(ReportFonts.CjkFamily, ReportFonts.CjkPath);
                Fonts.AddFontFile(ReportFonts.LatinFamily, ReportFonts.LatinPath);
                _fontsAdded = true;
            }
        }

        _ = t;
        return new Plot();
    }

    /// <summary>
    /// Neither font has every glyph (the CJK one lacks Latin), and a label is drawn in one font: each label gets the
    /// font its text needs. Numbers on the value axis are Latin.
    /// </summary>
    internal static ReportChart Render(string id, string title, Plot plot, IEnumerable<string> bottomTicks)
    {
        plot.Font.Set(ReportFonts.LatinFamily);
        plot.Axes.Title.Label.FontName = ReportFonts.FamilyFor(plot.Axes.Title.Label.Text);
        plot.Axes.Left.Label.FontName = ReportFonts.FamilyFor(plot.Axes.Left.Label.Text);
        plot.Axes.Bottom.Label.FontName = ReportFonts.FamilyFor(plot.Axes.Bottom.Label.Text);
        plot.Axes.Bottom.TickLabelStyle.FontName = ReportFonts.FamilyFor(string.Concat(bottomTicks));
        plot.Legend.FontName = ReportFonts.FamilyFor(title);
        return new(id, title, plot.GetImageBytes(Width, Height, ImageFormat.Png), Width, Height);
    }
}
