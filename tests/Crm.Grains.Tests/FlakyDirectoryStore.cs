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

    private readonly ConcurrentDictionary<string, int> _listsLeft = new();
    private readonly ConcurrentDictionary<string, int> _listCalls = new();

    public void Heal(string tenantId)
    {
        _failures.TryRemove(tenantId, out _);
        _listsLeft.TryRemove(tenantId, out _);
    }

    /// <summary>The tenant's next <paramref name="pages"/> list calls succeed, every later one fails until <see cref="Heal"/>.</summary>
    public void FailListsAfter(string tenantId, int pages) => _listsLeft[tenantId] = pages;

    /// <summary>How many list calls the tenant's directory has had (failed ones too).</summary>
    public int ListCalls(string tenantId) => _listCalls.GetValueOrDefault(tenantId);

    public Task UpsertAsync(CustomerSummary summary, CancellationToken cancellationToken = default)
    {
        if (_failures.TryGetValue(summary.TenantId, out var left) && left > 0)
        {
            _failures[summary.TenantId] = left == int.MaxValue ? left : left - 1;
            throw new IOException($"Injected directory failure for tenant {summary.TenantId}.");
        }

        return inner.UpsertAsync(summary, cancellationToken);
    }

    public Task<CustomerSummaryPage> ListAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        _listCalls.AddOrUpdate(tenantId, 1, (_, n) => n + 1);
        if (_listsLeft.TryGetValue(tenantId, out var left))
        {
            if (left <= 0)
            {
                throw new IOException($"Injected directory list failure for tenant {tenantId}.");
            }

            _listsLeft[tenantId] = left - 1;
        }

        return inner.ListAsync(tenantId, pageSize, continuationToken, cancellationToken);
    }
}
