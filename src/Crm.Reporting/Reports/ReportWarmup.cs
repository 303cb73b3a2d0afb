using System.Globalization;
using Crm.Domain.Reports;
using Crm.Reporting.Html;
using Crm.Reporting.Pdf;

namespace Crm.Reporting.Reports;

/// <summary>
/// Renders one empty report in each language, once, so that the first real report does not pay for loading the font
/// files, ScottPlot's and PDFsharp's start-up and the JIT of the whole render path (3.8 s of the first call measured
/// in docs/benchmarks.md). It reads no aggregate and stores nothing.
/// </summary>
public static class ReportWarmup
{
    private static int _done;

    /// <summary>Once per process: several silos and a front end in one process (tests, the bench) warm it once.</summary>
    public static void Run()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        var period = ReportPeriod.Parse("2026-01");
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var report = ServiceReportBuilder.Build(new ReportInput(
                "warmup", "warmup", CultureInfo.GetCultureInfo(language), period, TimeZoneInfo.Utc, ReportAggregate.Empty,
                [(period.Previous, ReportAggregate.Empty)], ContractTargets.Contract, [], DateTimeOffset.UnixEpoch));
            _ = HtmlReportRenderer.Render(report);
            _ = PdfReportRenderer.Render(report);
        }
    }
}
