using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;
using Crm.Reporting.Csv;
using Crm.Reporting.Html;
using Crm.Reporting.Pdf;
using Crm.Reporting.Reports;
using UglyToad.PdfPig;

namespace Crm.Reporting.Tests;

public sealed class ServiceReportTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly ReportPeriod November = ReportPeriod.Parse("2026-11");
    private static readonly DateTimeOffset At = new(2026, 11, 10, 2, 0, 0, TimeSpan.Zero);

    private static CaseFact Fact(long seq, CaseEventType type, CaseSeverity severity = CaseSeverity.Normal, string category = "logistics") =>
        new("case-" + seq, seq, At, type, CaseKind.Complaint, CaseChannel.Chat, severity, category);

    /// <summary>4 first responses (3 within 2 h), 2 resolutions (1 within 4 h), 1 major resolution in 20 h, 1 breach.</summary>
    private static ReportAggregate November2026()
    {
        var a = ReportAggregate.Empty;
        for (var i = 0; i < 5; i++)
        {
            a = a.Add(Fact(i, CaseEventType.Opened, category: i < 3 ? "logistics" : "billing") with { EnteredStatus = CaseStatus.New, EnteredBacklog = true });
        }

        foreach (var (minutes, seq) in new[] { (30, 10), (119, 11), (60, 12), (121, 13) })
        {
            a = a.Add(Fact(seq, CaseEventType.Replied) with { FirstResponse = new CaseCompletion(TimeSpan.FromMinutes(minutes), minutes < 120, CaseSeverity.Normal) });
        }

        a = a.Add(Fact(20, CaseEventType.StatusChanged) with { EnteredStatus = CaseStatus.Resolved, LeftBacklog = true, Resolution = new(TimeSpan.FromHours(3), true, CaseSeverity.Normal) });
        a = a.Add(Fact(21, CaseEventType.StatusChanged) with { EnteredStatus = CaseStatus.Resolved, LeftBacklog = true, Resolution = new(TimeSpan.FromHours(5), false, CaseSeverity.Normal) });
        a = a.Add(Fact(22, CaseEventType.StatusChanged, CaseSeverity.Major) with { EnteredStatus = CaseStatus.Resolved, LeftBacklog = true, Resolution = new(TimeSpan.FromHours(20), true, CaseSeverity.Major) });
        a = a.Add(Fact(23, CaseEventType.SlaBreached) with { AlertTarget = SlaTarget.FirstResponse });
        return a.Add(new SurveyFact("r1", At, 5, 9, ImmutableDictionary<string, double>.Empty.Add("speed", 4), ImmutableDictionary<string, double>.Empty));
    }

    private static ServiceReport Report(string culture, string tenantName = "华联商城 <Mall>") => ServiceReportBuilder.Build(new ReportInput(
        "acme",
        tenantName,
        CultureInfo.GetCultureInfo(culture),
        November,
        Shanghai,
        November2026(),
        [(November.Previous, ReportAggregate.Empty.Add(Fact(1, CaseEventType.Opened)).Add(Fact(2, CaseEventType.Opened)))],
        ContractTargets.Contract,
        [new SlaBreach("case-23", 23, ContractTarget.FirstResponse, At, CaseSeverity.Normal, "logistics")],
        new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero)));

    private static string Cell(ServiceReport report, string table, int row, int column) => report.Table(table)!.Rows[row][column].Text;

    [Fact]
    public void Kpis_AgainstTheContractTargets_AreExactShares()
    {
        var report = Report("en");

        Assert.Equal("First response", Cell(report, "kpis", 0, 0));
        Assert.Equal("4", Cell(report, "kpis", 0, 2));
        Assert.Equal("3", Cell(report, "kpis", 0, 3));
        Assert.Equal("75.0%", Cell(report, "kpis", 0, 4));
        Assert.Equal("1", Cell(report, "kpis", 0, 7));
        Assert.Equal("50.0%", Cell(report, "kpis", 1, 4));
        Assert.Equal("100.0%", Cell(report, "kpis", 2, 4));
        Assert.Equal("2 h", Cell(report, "kpis", 0, 1));
        Assert.Equal("24 h", Cell(report, "kpis", 2, 1));
    }

    [Fact]
    public void WithinTarget_OffABucketEdge_FallsBackToTheCasesOwnClocks()
    {
        var a = November2026();
        Assert.Equal((3L, 0.75), ServiceReportBuilder.WithinTarget(a, ContractTarget.FirstResponse, TimeSpan.FromHours(2)));
        Assert.Equal((3L, 0.75), ServiceReportBuilder.WithinTarget(a, ContractTarget.FirstResponse, TimeSpan.FromMinutes(247)));
        Assert.Equal((0L, (double?)null), ServiceReportBuilder.WithinTarget(ReportAggregate.Empty, ContractTarget.Resolution, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Volumes_CompareWithThePreviousPeriod()
    {
        var report = Report("en");
        Assert.Equal("Cases opened", Cell(report, "volumes", 0, 0));
        Assert.Equal("5", Cell(report, "volumes", 0, 1));
        Assert.Equal("2", Cell(report, "volumes", 0, 2));
        Assert.Equal("+150.0%", Cell(report, "volumes", 0, 3));
        Assert.Equal("–", Cell(report, "volumes", 1, 3));
        Assert.Equal(2, report.Table("trend")!.Rows.Count);
        Assert.Equal("logistics", Cell(report, "top-categories", 0, 0));
        Assert.Equal("60.0%", Cell(report, "top-categories", 0, 2));
        Assert.Equal("+2", Cell(report, "backlog", 2, 1));
    }

    [Fact]
    public void ZhCn_SpeaksChinese_WithLocalDatesAndLabels()
    {
        var report = Report("zh-CN");
        Assert.Equal("合同服务报告 · 2026年11月", report.Title);
        Assert.Equal("首次响应", Cell(report, "kpis", 0, 0));
        Assert.Equal("2小时", Cell(report, "kpis", 0, 1));
        Assert.Equal("投诉", Cell(report, "by-kind", 1, 0));
        Assert.Equal("在线客服", Cell(report, "by-channel", 2, 0));
        Assert.Contains(report.Header, h => h is ("生成时间", "2026-12-01 09:00（Asia/Shanghai）"));
        Assert.Equal("2026-11-10 10:00（Asia/Shanghai）", Cell(report, "breaches", 0, 2));
    }

    [Theory]
    [InlineData("2026-12-01", "en", "1 December 2026")]
    [InlineData("2026-W49", "en", "Week 49 of 2026 (30 Nov – 6 Dec)")]
    [InlineData("2026-Q4", "en", "Q4 2026")]
    [InlineData("2026-12-01", "zh-CN", "2026年12月1日")]
    [InlineData("2026-W53", "zh-CN", "2026年第53周（12月28日至1月3日）")]
    [InlineData("2026-Q4", "zh-CN", "2026年第4季度")]
    public void Period_IsNamedInTheLanguage(string period, string culture, string expected) =>
        Assert.Equal(expected, new ReportText(CultureInfo.GetCultureInfo(culture)).Period(ReportPeriod.Parse(period)));

    [Fact]
    public void Satisfaction_WithoutResponses_SaysSo()
    {
        var input = new ReportInput("t", "T", CultureInfo.GetCultureInfo("zh-CN"), November, Shanghai, ReportAggregate.Empty, [], ContractTargets.Contract, [], At);
        var report = ServiceReportBuilder.Build(input);
        Assert.Contains("本期暂无满意度调查回复。", report.Sections.Single(s => s.Title == "客户满意度").Paragraphs);
        Assert.Contains("本期无SLA违约。", report.Sections[^1].Paragraphs);
        Assert.Null(report.Table("satisfaction"));
        Assert.Equal("5.00", Cell(Report("en"), "satisfaction", 0, 2));
        Assert.Equal("100.0", Cell(Report("en"), "satisfaction", 1, 2));
    }

    [Fact]
    public void Pdf_ReadsBack_ChineseIncluded()
    {
        var pdf = PdfReportRenderer.Render(Report("zh-CN"));

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("合同服务报告", text);
        Assert.Contains("首次响应", text);
        Assert.Contains("华联商城", text);
        Assert.Contains("75.0%", text);
        Assert.Contains("case-23", text);
        Assert.Contains("附录：SLA违约明细", text);
        Assert.True(document.GetPages().Sum(p => p.GetImages().Count()) >= 2, "the charts are in the PDF");
        Assert.All(document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct(), name => Assert.Contains("+", name));
    }

    [Fact]
    public void Pdf_English_ReadsBack()
    {
        using var document = PdfDocument.Open(PdfReportRenderer.Render(Report("en", "Acme Mall")));
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("Contract", text);
        Assert.Contains("First", text);
        Assert.Contains("Acme", text);
    }

    [Fact]
    public void Html_EncodesEveryText_AndShowsTheCharts()
    {
        var html = HtmlReportRenderer.Render(Report("zh-CN"), id => $"/csv/{id}.csv");

        Assert.StartsWith("<!DOCTYPE html><html lang=\"zh-CN\">", html);
        Assert.DoesNotContain("<Mall>", html);
        Assert.Contains("&lt;Mall&gt;", html);
        Assert.Contains("<h1>合同服务报告 · 2026年11月</h1>", html);
        Assert.Contains("<td>首次响应</td>", html);
        Assert.Equal(2, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("href=\"/csv/kpis.csv\"", html);
        Assert.Contains("table-breaches", html);
    }

    [Fact]
    public async Task Csv_OfEveryTable_HasInvariantNumbersAndLocalHeaders()
    {
        var report = Report("zh-CN");
        foreach (var table in report.Tables)
        {
            var text = Encoding.UTF8.GetString(await ReportCsv.ToBytesAsync(table)).TrimStart('\uFEFF');
            Assert.StartsWith(table.Columns[0], text);
            Assert.Equal(table.Rows.Count + 1, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }

        var kpis = Encoding.UTF8.GetString(await ReportCsv.ToBytesAsync(report.Table("kpis")!)).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("指标,合同目标,完成数,达标数,达标率,超时完成,预警,违约,中位用时（P50）,P90 用时,P99 用时", kpis[0]);
        Assert.StartsWith("首次响应,2,4,3,75.00,", kpis[1]);
    }

    [Fact]
    public void Texts_ZhCn_HasEveryKey_InChinese()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Crm.Reporting", "Resources");
        var en = Keys(Path.Combine(folder, "ReportText.resx"));
        var zh = Keys(Path.Combine(folder, "ReportText.zh-CN.resx"));
        Assert.Equal(en.Keys.Order(), zh.Keys.Order());
        var allowedSame = new HashSet<string> { "CsvLink", "LocalTime" };
        Assert.All(en.Keys.Where(k => !allowedSame.Contains(k) && en[k] != "–"), k => Assert.NotEqual(en[k], zh[k]));
    }

    private static Dictionary<string, string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
}
