using System.Globalization;
using Crm.Contracts.Reports;
using Crm.Domain.Reports;
using Crm.Reporting.Reports;

namespace Crm.Reporting.Tests;

/// <summary>The report's availability table: the figure used, its source, and the measured minutes.</summary>
public sealed class AvailabilityReportTests
{
    private static readonly ReportPeriod November = ReportPeriod.Parse("2026-11");
    private static readonly DateTimeOffset From = new(2026, 10, 31, 16, 0, 0, TimeSpan.Zero);

    private static ServiceReport Report(string culture, PeriodAvailability? availability) => ServiceReportBuilder.Build(new ReportInput(
        "acme", "Acme", CultureInfo.GetCultureInfo(culture), November, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        ReportAggregate.Empty, [], ContractTargets.Contract, [], From.AddDays(30), Availability: availability));

    private static PeriodAvailability Measured(PostedAvailability? posted = null) => new(
        "2026-11", From, From.AddDays(30), 43200, 43000, 42990, 10, 42990 * 100.0 / 43000, 2000, 4, posted,
        posted is null ? AvailabilitySource.Measured : AvailabilitySource.Posted, posted?.Percent ?? 42990 * 100.0 / 43000, 99.9, posted?.Version ?? 0);

    private static string Value(ServiceReport report, string label) =>
        report.Table("availability")!.Rows.Single(r => r[0].Text == label)[1].Text;

    [Fact]
    public void Measured_ShowsTheMeasureAgainstTheTarget_WithMinutesDown()
    {
        var report = Report("en", Measured());
        Assert.Equal("99.977%", Value(report, "Availability in this report"));
        Assert.Equal("measured by the product", Value(report, "Source"));
        Assert.Equal("Yes", Value(report, "Target met"));
        Assert.Equal("10", Value(report, "Minutes down (no heartbeat)"));
        Assert.Equal("200", Value(report, "Minutes not measured (before the product ran, or not yet come)"));
        Assert.Equal("0.200%", Value(report, "Front-end 5xx share"));
        Assert.Contains("99.977% (measured by the product)", report.Sections[0].Paragraphs[1]);
    }

    [Fact]
    public void Posted_WinsOverMeasured_InChinese()
    {
        var report = Report("zh-CN", Measured(new PostedAvailability(99.5, "平台探针", From.AddDays(31), "ops", 2)));
        Assert.Equal("99.500%", Value(report, "本报告采用的可用性"));
        Assert.Equal("平台提交", Value(report, "数据来源"));
        Assert.Equal("否", Value(report, "是否达标"));
        Assert.Equal("99.977%", Value(report, "自测值（有节点心跳的分钟数 / 统计分钟数）"));
        Assert.Equal("平台探针", Value(report, "平台备注"));
    }

    [Fact]
    public void Unknown_SaysSo()
    {
        var report = Report("en", null);
        Assert.Equal("none", Value(report, "Source"));
        Assert.StartsWith("No availability was measured or posted", report.Sections[0].Paragraphs[1]);
    }
}
