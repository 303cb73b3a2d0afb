using System.Collections.Concurrent;
using Crm.Domain.Reports;
using Crm.Grains.Reports;

namespace Crm.Grains.Tests;

/// <summary>
/// The real day store, which a test can make lose the answer to a tenant's next writes: the write is stored, the
/// caller sees a failure and sends the fact again, as after a network fault or a crash.
/// </summary>
public sealed class FlakyReportDayStore(IReportDayStore inner) : IReportDayStore
{
    private readonly ConcurrentDictionary<string, int> _toLose = new();

    /// <summary>How many answers were lost so far, per tenant.</summary>
    public ConcurrentDictionary<string, int> Lost { get; } = new();

    public void LoseAnswers(string tenantId, int count) => _toLose[tenantId] = count;

    public Task<(ReportAggregate Aggregate, string? ETag)> ReadAsync(string tenantId, DateOnly day, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(tenantId, day, cancellationToken);

    public Task<IReadOnlyList<SlaBreach>> ReadBreachesAsync(string tenantId, DateOnly day, CancellationToken cancellationToken = default) =>
        inner.ReadBreachesAsync(tenantId, day, cancellationToken);

    public async Task<string?> TryAddAsync(
        string tenantId, DateOnly day, string factKey, ReportAggregate next, string? etag, SlaBreach? breach = null, CancellationToken cancellationToken = default)
    {
        var result = await inner.TryAddAsync(tenantId, day, factKey, next, etag, breach, cancellationToken);
        if (result is not null && _toLose.TryGetValue(tenantId, out var left) && left > 0 && _toLose.TryUpdate(tenantId, left - 1, left))
        {
            Lost.AddOrUpdate(tenantId, 1, (_, n) => n + 1);
            throw new IOException($"Injected: the answer to writing {factKey} for tenant {tenantId} was lost.");
        }

        return result;
    }
}
