using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Crm.Contracts.Surveys;
using Crm.Domain.Reports;
using Crm.Reporting.Csv;
using Crm.Reporting.Html;
using Crm.Reporting.Pdf;
using Crm.Reporting.Reports;
using UglyToad.PdfPig;

namespace Crm.Reporting.Tests;

/// <summary>The satisfaction section's drivers, themes and recommendations in the HTML, the PDF (read back) and the CSVs.</summary>
public sealed class SatisfactionInsightsReportTests
{
    private static readonly ReportPeriod November = ReportPeriod.Parse("2026-11");

    private static SurveyInsightsView Insights(string language) => new(
        "csat", new SurveyResultsQuery(), 120, 45, 30, 10, true, "permutation-feature-importance", 5, 10, 0.81,
        [
            new DriverView("rating.logistics-delivery", language == "zh-CN" ? "“物流配送”评分" : "the Logistics and delivery rating", 0.21, 0.02, 0.03, 50, true,
                new DriverEffectView(3, false, 50, 70, 0.2, 0.8, 0.6, 0.45, 0.75, 0.85, 25)),
            new DriverView("rating.service-attitude", language == "zh-CN" ? "“服务态度”评分" : "the Service attitude rating", 0.004, 0.01, 0.01, 50, false, null),
        ],
        [new ThemeView("物流", 30, 2, 0.67, 0.03, 3.1, 5.2, ["物流太慢了"])],
        [new RecommendationView(1, "Driver", "rating.logistics-delivery",
            language == "zh-CN" ? "改善“物流配送”评分 (< 3)：42%的回复属于这种情况" : "Act on the Logistics and delivery rating (< 3): 42% of responses", 25, 0.6, 0.45, 0.75, 0.85, 120)],
        new ToneCountsView(40, 20, 60, "lexicon-1"), language, DateTimeOffset.UtcNow);

    private static ServiceReport Report(string culture, params SurveyInsightsView[] insights) => ServiceReportBuilder.Build(new ReportInput(
        "acme", "华联商城", CultureInfo.GetCultureInfo(culture), November, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        ReportAggregate.Empty, [], ContractTargets.Contract, [], new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), insights));

    [Fact]
    public void Pdf_Chinese_DriversThemesAndRecommendationsReadBack()
    {
        using var document = PdfDocument.Open(PdfReportRenderer.Render(Report("zh-CN", Insights("zh-CN"))));
        var text = string.Concat(document.GetPages().Select(p => p.Text));

        Assert.Contains("不满意的影响因素", text);
        Assert.Contains("“物流配送”评分", text);
        Assert.Contains("置换特征重要性", text);
        Assert.Contains("改进建议", text);
        Assert.Contains("改善“物流配送”评分", text);
        Assert.Contains("不满意评论中的主题", text);
        Assert.Contains("物流", text);
        Assert.True(document.GetPages().Sum(p => p.GetImages().Count()) >= 3, "the drivers chart is in the PDF beside the other two");
    }

    [Fact]
    public async Task HtmlAndCsv_English_TablesPerSurvey_NumbersInvariant()
    {
        var report = Report("en", Insights("en"));

        var html = HtmlReportRenderer.Render(report);
        var drivers = Encoding.UTF8.GetString(await ReportCsv.ToBytesAsync(report.Table("drivers-csat")!)).TrimStart('\uFEFF').Split("\r\n");
        var recommendations = Encoding.UTF8.GetString(await ReportCsv.ToBytesAsync(report.Table("recommendations-csat")!)).TrimStart('\uFEFF');

        Assert.Contains("Drivers of dissatisfaction", html);
        Assert.Contains("permutation feature importance", html);
        Assert.Contains("Act on the Logistics and delivery rating", html);
        Assert.StartsWith("the Logistics and delivery rating,21,2,60,", drivers[1]);
        Assert.Contains("Act on the Logistics and delivery rating", recommendations);
        Assert.NotNull(report.Table("themes-csat"));
    }

    [Fact]
    public void TooFewResponses_SaysSo_NoTables()
    {
        var few = Insights("zh-CN") with { Enough = false, Responses = 12, Drivers = [], Themes = [], Recommendations = [] };

        var report = Report("zh-CN", few);

        var section = report.Sections.Single(s => s.Title == "客户满意度");
        Assert.Contains(section.Paragraphs, p => p.Contains("数量不足") && p.Contains("12"));
        Assert.Null(report.Table("drivers-csat"));
    }
}
