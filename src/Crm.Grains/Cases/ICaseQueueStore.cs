using Crm.Contracts.Cases;

namespace Crm.Grains.Cases;

/// <summary>
/// The durable index behind the work queue: per tenant and lane, rows in urgency order, each carrying what the queue
/// shows. The queue grain loads it once and serves pages from memory; the case grains keep both up to date.
/// </summary>
public interface ICaseQueueStore
{
    /// <summary>Writes the item into each slot (insert or replace).</summary>
    Task PutAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CaseQueueItem item, CancellationToken cancellationToken = default);

    /// <summary>Deletes the slots; slots already gone are fine.</summary>
    Task RemoveAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CancellationToken cancellationToken = default);

    /// <summary>Every row of one lane in sort-key order, for loading the queue into memory.</summary>
    IAsyncEnumerable<(string SortKey, CaseQueueItem Item)> ReadLaneAsync(string tenantId, string lane, CancellationToken cancellationToken = default);
}
