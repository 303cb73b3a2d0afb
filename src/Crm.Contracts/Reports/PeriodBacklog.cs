using System.Collections.Immutable;
using Crm.Domain.Reports;

namespace Crm.Contracts.Reports;

/// <summary>The cases open at the end of a period (or now, for a period in progress), by age band.</summary>
/// <param name="At">The instant the backlog is counted at.</param>
/// <param name="ByBand">Open cases per <see cref="BacklogAgeBand"/>, in the enum's order.</param>
/// <param name="CountedFrom">The first local day summed (the tenant's first day).</param>
[GenerateSerializer, Immutable, Alias("crm.reports.period-backlog")]
public sealed record PeriodBacklog(
    [property: Id(0)] string Period,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ImmutableArray<long> ByBand,
    [property: Id(3)] DateOnly CountedFrom)
{
    public long Open => ByBand.Sum();

    public long Count(BacklogAgeBand band) => ByBand.IsDefaultOrEmpty ? 0 : ByBand[(int)band];
}
