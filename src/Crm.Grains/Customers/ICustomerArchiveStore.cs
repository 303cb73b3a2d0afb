using Crm.Contracts.Customers;

namespace Crm.Grains.Customers;

/// <summary>The service archive's rows, one partition per customer.</summary>
public interface ICustomerArchiveStore
{
    /// <summary>Writes the entry under its sequence number; writing the same sequence again replaces it (retries are safe).</summary>
    Task PutAsync(string tenantId, string customerId, ArchiveEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries with sequence at most <paramref name="fromSequence"/>, newest first.</summary>
    Task<IReadOnlyList<ArchiveEntry>> ReadAsync(string tenantId, string customerId, long fromSequence, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the summary and detail of every row of the customer (orphans beyond the archive's head included)
    /// with <paramref name="redactedSummary"/> and no detail, keeping sequence, time, kind, actor and reference.
    /// Rows of <see cref="ArchiveEntryKind.PersonalDataErased"/> are kept as written. Repeating it is safe.
    /// </summary>
    Task RedactAllAsync(string tenantId, string customerId, string redactedSummary, CancellationToken cancellationToken = default);
}
