using Crm.Contracts.Audit;
using Crm.Domain.Audit;

namespace Crm.Grains.Audit;

/// <summary>
/// Group commit for the audit log, one per silo: concurrent records of one tenant (and month partition) share one
/// batch write, an entity-group transaction of up to <see cref="MaxEntriesPerBatch"/> entries. The first record of an
/// idle partition is written at once; the ones that arrive while that write is in flight go together in the next,
/// so a batch waits no longer than one storage round trip. Each caller's task completes only when its own row is
/// durable, and fails when its batch failed: no trace, no access.
/// </summary>
public sealed class AuditGroupCommit(IAuditLogStore store)
{
    /// <summary>Each entry is two rows (the entry and its target copy); a transaction holds at most 100.</summary>
    public const int MaxEntriesPerBatch = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string TenantId, int Month), List<Waiting>> _pending = [];

    public Task AddAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = (entry.TenantId, AuditMonth.Of(entry.At));
        var waiting = new Waiting(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            // A partition in the dictionary has a flush running, which takes what is pending when it comes round.
            lead = !_pending.TryGetValue(key, out var queue);
            if (lead)
            {
                _pending[key] = queue = [];
            }

            queue!.Add(waiting);
        }

        if (lead)
        {
            // Off the calling grain's scheduler: the flush serves every caller of the partition, not only this one.
            _ = Task.Run(() => FlushAsync(key));
        }

        return waiting.Durable.Task;
    }

    private async Task FlushAsync((string TenantId, int Month) key)
    {
        while (true)
        {
            List<Waiting> batch;
            lock (_gate)
            {
                var queue = _pending[key];
                if (queue.Count == 0)
                {
                    _pending.Remove(key);
                    return;
                }

                batch = queue.GetRange(0, Math.Min(queue.Count, MaxEntriesPerBatch));
                queue.RemoveRange(0, batch.Count);
            }

            try
            {
                await store.AddBatchAsync([.. batch.Select(w => w.Entry)]);
                batch.ForEach(w => w.Durable.SetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(w => w.Durable.SetException(ex));
            }
        }
    }

    private sealed record Waiting(AuditEntry Entry, TaskCompletionSource Durable);
}
