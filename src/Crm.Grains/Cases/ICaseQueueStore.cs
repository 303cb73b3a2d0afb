using Crm.Contracts.Cases;

namespace Crm.Grains.Cases;

/// <summary>
/// The index behind the work queue: per tenant and lane, rows in urgency order, each carrying what the queue shows.
/// Reading the first page reads one page of rows, however many cases are open.
/// </summary>
public interface ICaseQueueStore
{
    /// <summary>Writes the item into each slot (insert or replace).</summary>
    Task PutAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CaseQueueItem item, CancellationToken cancellationToken = default);

    /// <summary>Deletes the slots; slots already gone are fine.</summary>
    Task RemoveAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of one lane, most urgent first, keeping only items that match <paramref name="query"/>'s kind,
    /// severity and category.
    /// </summary>
    Task<CaseQueuePage> ReadAsync(string tenantId, string lane, CaseQueueQuery query, CancellationToken cancellationToken = default);
}
