using Crm.Domain.Reports;

namespace Crm.Grains.Reports;

/// <summary>
/// Where day aggregates live: the aggregate and the keys of the facts it counts, in one partition per tenant and
/// day, so that counting a fact and remembering its key are one atomic write.
/// </summary>
public interface IReportDayStore
{
    /// <returns>The aggregate (empty when none) and its ETag (null when none is stored).</returns>
    Task<(ReportAggregate Aggregate, string? ETag)> ReadAsync(string tenantId, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="next"/> and the fact's key together, and the breach it records if any, unless the key
    /// is already stored.
    /// </summary>
    /// <returns>The new ETag, or null when the key was already there (nothing written).</returns>
    /// <exception cref="Orleans.Storage.InconsistentStateException">The aggregate changed since <paramref name="etag"/>.</exception>
    Task<string?> TryAddAsync(
        string tenantId, DateOnly day, string factKey, ReportAggregate next, string? etag, SlaBreach? breach = null, CancellationToken cancellationToken = default);

    /// <summary>The day's SLA breaches, in case and sequence order.</summary>
    Task<IReadOnlyList<SlaBreach>> ReadBreachesAsync(string tenantId, DateOnly day, CancellationToken cancellationToken = default);
}
