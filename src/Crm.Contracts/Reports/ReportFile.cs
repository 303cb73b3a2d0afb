namespace Crm.Contracts.Reports;

/// <summary>One stored document of a finished report: "report.html", "report.pdf" or "tables/{table}.csv".</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.report-file")]
public sealed record ReportFile(
    [property: Id(0)] string Name,
    [property: Id(1)] string ContentType,
    [property: Id(2)] byte[] Content);
