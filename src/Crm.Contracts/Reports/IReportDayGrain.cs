using Crm.Domain.Reports;

namespace Crm.Contracts.Reports;

/// <summary>
/// One tenant's aggregate of one local day (key <c>tenant/yyyy-MM-dd</c>, see <see cref="ReportKeys"/>). Each fact
/// counts once: a repeat of a key already counted changes nothing.
/// </summary>
public interface IReportDayGrain : IGrainWithStringKey
{
    /// <returns>False when the fact was already counted.</returns>
    Task<bool> RecordCaseAsync(CaseFact fact);

    /// <returns>False when the response was already counted.</returns>
    Task<bool> RecordSurveyAsync(SurveyFact fact);

    [Orleans.Concurrency.ReadOnly]
    Task<ReportAggregate> GetAsync();

    /// <summary>The day's SLA breaches, for the report's appendix.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<SlaBreach>> GetBreachesAsync();
}
