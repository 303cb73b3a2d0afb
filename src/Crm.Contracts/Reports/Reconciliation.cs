namespace Crm.Contracts.Reports;

/// <summary>A period recomputed from the case histories and compared with the aggregates, day by day.</summary>
/// <param name="CasesRead">Cases whose history was read.</param>
/// <param name="EventsRead">History rows read.</param>
/// <param name="FactsInPeriod">Facts the histories put in the period.</param>
/// <param name="Differences">Empty when the two agree.</param>
[GenerateSerializer, Immutable, Alias("crm.reports.reconciliation")]
public sealed record Reconciliation(
    [property: Id(0)] string Period,
    [property: Id(1)] string TimeZoneId,
    [property: Id(2)] long CasesRead,
    [property: Id(3)] long EventsRead,
    [property: Id(4)] long FactsInPeriod,
    [property: Id(5)] ImmutableArray<ReconcileDifference> Differences)
{
    public bool Agrees => Differences.IsEmpty;
}

/// <summary>One field of one day where the aggregate and the recomputation disagree.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.reconcile-difference")]
public sealed record ReconcileDifference(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Field,
    [property: Id(2)] string Recomputed,
    [property: Id(3)] string Aggregated);
