using Crm.Domain.Reports;

namespace Crm.Contracts.Reports;

/// <summary>
/// A tenant's reports (key: tenant id): where case and survey facts come in, routed to the local day of the
/// tenant's time zone, and where periods are read, rolled up from their days. Holds no state of its own.
/// </summary>
public interface ITenantReportsGrain : IGrainWithStringKey
{
    Task RecordCaseAsync(CaseFact fact);

    /// <summary>The seam for the surveys work: call it once per response (a repeat is ignored).</summary>
    Task RecordSurveyAsync(SurveyFact fact);

    /// <summary>The period's aggregate; a period id as <see cref="ReportPeriod.TryParse"/> reads it.</summary>
    Task<PeriodAggregate> GetPeriodAsync(string period);

    /// <summary>The backlog at the period's end by age band, summed from the day aggregates (never the cases).</summary>
    Task<PeriodBacklog> GetBacklogAsync(string period);

    /// <summary>Every SLA breach of the period, oldest first.</summary>
    Task<ImmutableArray<SlaBreach>> GetBreachesAsync(string period);

    /// <summary>Recomputes the period from every case's history and reports where the aggregates differ.</summary>
    Task<Reconciliation> ReconcileAsync(string period);

    /// <summary>The period's service availability: measured by the product, posted by the platform, and the figure used.</summary>
    Task<PeriodAvailability> GetAvailabilityAsync(string period);
}
