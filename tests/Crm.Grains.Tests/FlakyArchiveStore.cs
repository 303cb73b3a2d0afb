using System.Collections.Concurrent;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;

namespace Crm.Grains.Tests;

/// <summary>The real archive store, whose redaction a test can make fail for one tenant to prove erasure is finished later.</summary>
public sealed class FlakyArchiveStore(ICustomerArchiveStore inner) : ICustomerArchiveStore
{
    private readonly ConcurrentDictionary<string, bool> _failRedaction = new();

    public void FailRedaction(string tenantId) => _failRedaction[tenantId] = true;

    public void Heal(string tenantId) => _failRedaction.TryRemove(tenantId, out _);

    public Task PutAsync(string tenantId, string customerId, ArchiveEntry entry, CancellationToken cancellationToken = default) =>
        inner.PutAsync(tenantId, customerId, entry, cancellationToken);

    public Task<IReadOnlyList<ArchiveEntry>> ReadAsync(string tenantId, string customerId, long fromSequence, int count, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(tenantId, customerId, fromSequence, count, cancellationToken);

    public Task RedactAllAsync(string tenantId, string customerId, string redactedSummary, CancellationToken cancellationToken = default) =>
        _failRedaction.ContainsKey(tenantId)
            ? throw new IOException($"Injected redaction failure for tenant {tenantId}.")
            : inner.RedactAllAsync(tenantId, customerId, redactedSummary, cancellationToken);
}
