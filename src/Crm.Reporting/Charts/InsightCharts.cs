using Crm.Contracts.Surveys;
using Crm.Reporting.Reports;
using ScottPlot;

namespace Crm.Reporting.Charts;

/// <summary>The drivers chart of the satisfaction section: permutation importance in AUC points, drawn by the same renderer as the other charts.</summary>
public static class InsightCharts
{
    public static ReportChart Drivers(ReportText t, string id, IReadOnlyList<DriverView> drivers)
    {
        var plot = ReportCharts.NewPlot(t);
        var bars = plot.Add.Bars(drivers.Select((_, i) => (double)i).ToArray(), drivers.Select(d => Math.Max(0, d.Importance) * 100).ToArray());
        bars.Color = Color.FromHex("#d1242f");
        plot.Axes.Bottom.SetTicks([.. drivers.Select((_, i) => (double)i)], [.. drivers.Select(d => d.Label)]);
        plot.Axes.SetLimitsY(0, Math.Max(1, drivers.Max(d => Math.Max(0, d.Importance) * 100) * 1.15));
        plot.Title(t["ChartDrivers"]);
        plot.YLabel(t["ChartDriversAxis"]);
        return ReportCharts.Render(id, t["ChartDrivers"], plot, drivers.Select(d => d.Label));
    }
}
