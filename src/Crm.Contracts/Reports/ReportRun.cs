namespace Crm.Contracts.Reports;

/// <summary>
/// One period's scheduled report as the run table holds it: claimed before it is made, done when it is made. The
/// table's row for a period is inserted once, which is what makes each period's report happen once.
/// </summary>
/// <param name="Period">The period id, e.g. "2026-11" or "2026-W49".</param>
/// <param name="Language">The language it was made in (the tenant's default then).</param>
/// <param name="Documents">The documents made, by name ("report.html", "report.pdf", "tables/kpis.csv", ...) with their size in bytes.</param>
[GenerateSerializer, Immutable, Alias("crm.reports.report-run")]
public sealed record ReportRun(
    [property: Id(0)] string Period,
    [property: Id(1)] ReportRunState State,
    [property: Id(2)] DateTimeOffset ClaimedAt,
    [property: Id(3)] DateTimeOffset? CompletedAt,
    [property: Id(4)] string Language,
    [property: Id(5)] ImmutableDictionary<string, long> Documents);

/// <summary>Stored as a number: never renumber.</summary>
public enum ReportRunState
{
    Claimed = 0,
    Done = 1,
}
