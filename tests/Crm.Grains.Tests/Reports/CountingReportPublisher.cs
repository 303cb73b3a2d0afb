using System.Collections.Concurrent;
using Crm.Domain.Reports;
using Crm.Silo.Reports;

namespace Crm.Grains.Tests.Reports;

/// <summary>
/// The real publisher, counting each report it made per tenant and period (the counts outlive cluster restarts), and
/// able to fail a tenant's next attempts as a crash or a storage fault would.
/// </summary>
public sealed class CountingReportPublisher(IReportPublisher inner, PublishCounts counts) : IReportPublisher
{
    public async Task<PublishedReport> PublishAsync(string tenantId, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        if (counts.FailuresLeft.TryGetValue(tenantId, out var left) && left > 0 && counts.FailuresLeft.TryUpdate(tenantId, left - 1, left))
        {
            throw new IOException($"Injected: making {period} of {tenantId} failed.");
        }

        var published = await inner.PublishAsync(tenantId, period, cancellationToken);
        counts.Made.AddOrUpdate(PublishCounts.Key(tenantId, period.ToString()), 1, (_, n) => n + 1);
        return published;
    }
}

public sealed class PublishCounts
{
    public ConcurrentDictionary<string, int> Made { get; } = new();

    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public static string Key(string tenantId, string period) => tenantId + "/" + period;

    public int Of(string tenantId, string period) => Made.GetValueOrDefault(Key(tenantId, period));

    /// <summary>Every period made for the tenant, with how many times.</summary>
    public IReadOnlyDictionary<string, int> For(string tenantId) =>
        Made.Where(m => m.Key.StartsWith(tenantId + "/", StringComparison.Ordinal)).ToDictionary(m => m.Key[(tenantId.Length + 1)..], m => m.Value);
}
