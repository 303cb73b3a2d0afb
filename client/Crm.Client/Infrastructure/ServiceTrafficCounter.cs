using System.Collections.Concurrent;
using Crm.Contracts.Reports;

namespace Crm.Client.Infrastructure;

/// <summary>
/// This front end's requests and 5xx answers per UTC minute, counted in memory (two interlocked adds per request)
/// and handed to the silos by <see cref="ServiceTrafficFlusher"/> as running totals: never a write per request.
/// </summary>
public sealed class ServiceTrafficCounter(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Counts> _minutes = new();

    /// <summary>Names this process's rows; a restarted front end writes new ones rather than replacing its old counts.</summary>
    public string Instance { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public void Count(int status)
    {
        var counts = _minutes.GetOrAdd(time.GetUtcNow().ToUnixTimeSeconds() / 60, _ => new Counts());
        Interlocked.Increment(ref counts.Requests);
        if (status >= 500)
        {
            Interlocked.Increment(ref counts.ServerErrors);
        }
    }

    /// <summary>The totals of every minute held (the current one so far).</summary>
    public ImmutableArray<TrafficMinute> Snapshot() =>
        [.. _minutes.OrderBy(m => m.Key).Select(m => new TrafficMinute(
            DateTimeOffset.FromUnixTimeSeconds(m.Key * 60), Interlocked.Read(ref m.Value.Requests), Interlocked.Read(ref m.Value.ServerErrors)))];

    /// <summary>Forgets minutes that are over and were handed over (their totals can no longer change).</summary>
    public void Forget(ImmutableArray<TrafficMinute> flushed)
    {
        var current = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        foreach (var m in flushed)
        {
            var key = m.Minute.ToUnixTimeSeconds() / 60;
            if (key < current && _minutes.TryGetValue(key, out var counts) && Interlocked.Read(ref counts.Requests) == m.Requests)
            {
                _minutes.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counts
    {
        public long Requests;
        public long ServerErrors;
    }
}
