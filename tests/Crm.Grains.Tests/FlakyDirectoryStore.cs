using System.Collections.Concurrent;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;

namespace Crm.Grains.Tests;

/// <summary>The real directory store, which a test can make fail for one tenant to prove the grain recovers.</summary>
public sealed class FlakyDirectoryStore(ICustomerDirectoryStore inner) : ICustomerDirectoryStore
{
    private readonly ConcurrentDictionary<string, int> _failures = new();

    /// <summary>The next <paramref name="times"/> upserts for the tenant fail (int.MaxValue: until <see cref="Heal"/>).</summary>
    public void Fail(string tenantId, int times) => _failures[tenantId] = times;

    public void Heal(string tenantId) => _failures.TryRemove(tenantId, out _);

    public Task UpsertAsync(CustomerSummary summary, CancellationToken cancellationToken = default)
    {
        if (_failures.TryGetValue(summary.TenantId, out var left) && left > 0)
        {
            _failures[summary.TenantId] = left == int.MaxValue ? left : left - 1;
            throw new IOException($"Injected directory failure for tenant {summary.TenantId}.");
        }

        return inner.UpsertAsync(summary, cancellationToken);
    }

    public Task<CustomerSummaryPage> ListAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        inner.ListAsync(tenantId, pageSize, continuationToken, cancellationToken);
}
