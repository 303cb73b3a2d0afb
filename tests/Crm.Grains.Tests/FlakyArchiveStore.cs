using System.Collections.Concurrent;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;

namespace Crm.Grains.Tests;

/// <summary>The real archive store, whose redaction or writes a test can make fail for one tenant to prove the work is finished later.</summary>
public sealed class FlakyArchiveStore(ICustomerArchiveStore inner) : ICustomerArchiveStore
{
    private readonly ConcurrentDictionary<string, bool> _failRedaction = new();
    private readonly ConcurrentDictionary<string, bool> _failPuts = new();

    public void FailRedaction(string tenantId) => _failRedaction[tenantId] = true;

    /// <summary>Every archive write of the tenant fails until <see cref="Heal"/>.</summary>
    public void FailPuts(string tenantId) => _failPuts[tenantId] = true;

    public void Heal(string tenantId)
    {
        _failRedaction.TryRemove(tenantId, out _);
        _failPuts.TryRemove(tenantId, out _);
    }

    public Task PutAsync(string tenantId, string customerId, ArchiveEntry entry, CancellationToken cancellationToken = default) =>
        _failPuts.ContainsKey(tenantId)
            ? throw new IOException($"Injected archive write failure for tenant {tenantId}.")
            : inner.PutAsync(tenantId, customerId, entry, cancellationToken);

    public Task<IReadOnlyList<ArchiveEntry>> ReadAsync(string tenantId, string customerId, long fromSequence, int count, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(tenantId, customerId, fromSequence, count, cancellationToken);

    public Task RedactAllAsync(string tenantId, string customerId, string redactedSummary, CancellationToken cancellationToken = default) =>
        _failRedaction.ContainsKey(tenantId)
            ? throw new IOException($"Injected redaction failure for tenant {tenantId}.")
            : inner.RedactAllAsync(tenantId, customerId, redactedSummary, cancellationToken);
}
