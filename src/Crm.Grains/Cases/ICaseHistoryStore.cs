using Crm.Contracts.Cases;

namespace Crm.Grains.Cases;

/// <summary>A case's history, one row per event, outside the grain's state so the state stays small.</summary>
public interface ICaseHistoryStore
{
    /// <summary>Writes the event at its sequence; writing the same sequence again replaces it (a retry after a failed state write).</summary>
    Task PutAsync(string tenantId, string caseId, CaseEvent caseEvent, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> events from <paramref name="fromSequence"/> on, oldest first.</summary>
    Task<IReadOnlyList<CaseEvent>> ReadAsync(string tenantId, string caseId, long fromSequence, int count, CancellationToken cancellationToken = default);
}
