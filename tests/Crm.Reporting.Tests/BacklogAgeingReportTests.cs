using System.Globalization;
using System.Text;
using Crm.Contracts.Reports;
using Crm.Domain.Reports;
using Crm.Reporting.Csv;
using Crm.Reporting.Html;
using Crm.Reporting.Pdf;
using Crm.Reporting.Reports;
using UglyToad.PdfPig;

namespace Crm.Reporting.Tests;

/// <summary>The backlog at the period's end by age band, in the HTML, the PDF and the CSV, in zh-CN and en.</summary>
public sealed class BacklogAgeingReportTests
{
    private static readonly ReportPeriod November = ReportPeriod.Parse("2026-11");
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset End = November.EndsAt(Shanghai);

    private static ServiceReport Report(string culture, PeriodBacklog? backlog) => ServiceReportBuilder.Build(new ReportInput(
        "acme", "Acme", CultureInfo.GetCultureInfo(culture), November, Shanghai,
        ReportAggregate.Empty, [], ContractTargets.Contract, [], End.AddHours(2), Backlog: backlog));

    private static PeriodBacklog Backlog() => new("2026-11", End, [11, 22, 333, 4444, 55555], new DateOnly(2026, 1, 1));

    [Fact]
    public void Table_HasEveryBand_AndTheTotal_InEnglish()
    {
        var report = Report("en", Backlog());
        var table = report.Table("backlog-ageing")!;
        Assert.Equal(["Up to 2 h", "2 h to 4 h", "4 h to 24 h", "1 to 3 days", "Over 3 days", "All open cases"], table.Rows.Select(r => r[0].Text));
        Assert.Equal(["11", "22", "333", "4,444", "55,555", "60,365"], table.Rows.Select(r => r[1].Text));
        var section = report.Sections.Single(s => s.Tables.Contains(table));
        Assert.Contains("2026-12-01 00:00 (Asia/Shanghai)", section.Paragraphs[0]);
    }

    [Fact]
    public async Task Csv_HasTheBands_AsInvariantNumbers()
    {
        var csv = Encoding.UTF8.GetString(await ReportCsv.ToBytesAsync(Report("zh-CN", Backlog()).Table("backlog-ageing")!));
        Assert.Contains("已开时长", csv);
        Assert.Contains("超过 3 天,55555", csv);
        Assert.Contains("未结工单合计,60365", csv);
    }

    [Fact]
    public void PdfAndHtml_ShowTheAgeing_InChinese()
    {
        var report = Report("zh-CN", Backlog());
        using var document = PdfDocument.Open(PdfReportRenderer.Render(report));
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("期末未结工单（按已开时长）", text);
        Assert.Contains("55,555", text);
        Assert.Contains("60,365", text);
        Assert.Contains("未结工单合计", text);

        var html = HtmlReportRenderer.Render(report);
        Assert.Contains("超过 3 天", html);
        Assert.Contains("2 小时以内", html);
    }

    [Fact]
    public void WithoutABacklog_TheMovementIsStillShown()
    {
        var report = Report("en", null);
        Assert.Null(report.Table("backlog-ageing"));
        Assert.NotNull(report.Table("backlog"));
    }
}
