using Crm.Domain.Reports;

namespace Crm.Contracts.Reports;

/// <summary>A tenant's aggregate for one period, rolled up from its days, with the zone the days are local to.</summary>
/// <param name="Period">The period id, e.g. "2026-12" (see <see cref="ReportPeriod"/>).</param>
/// <param name="From">The period's first instant in the zone.</param>
/// <param name="To">The first instant after it.</param>
[GenerateSerializer, Immutable, Alias("crm.reports.period-aggregate")]
public sealed record PeriodAggregate(
    [property: Id(0)] string Period,
    [property: Id(1)] string TimeZoneId,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] ReportAggregate Aggregate);
