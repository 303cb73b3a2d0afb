using Crm.Contracts.Cases;

namespace Crm.Grains.Cases;

/// <summary>A case's history, one row per event, outside the grain's state so the state stays small.</summary>
public interface ICaseHistoryStore
{
    /// <summary>Writes the event at its sequence; writing the same sequence again replaces it (a retry after a failed state write).</summary>
    Task PutAsync(string tenantId, string caseId, CaseEvent caseEvent, CancellationToken cancellationToken = default);

    /// <summary>Drops the text of every event of the case (the customer's personal data was erased); types and times stay.</summary>
    Task RedactAllAsync(string tenantId, string caseId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> events from <paramref name="fromSequence"/> on, oldest first.</summary>
    Task<IReadOnlyList<CaseEvent>> ReadAsync(string tenantId, string caseId, long fromSequence, int count, CancellationToken cancellationToken = default);
}
