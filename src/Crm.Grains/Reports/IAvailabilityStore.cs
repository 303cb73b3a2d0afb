using Crm.Contracts.Reports;

namespace Crm.Grains.Reports;

/// <summary>
/// The product's own availability measure: a heartbeat per silo and minute, and each front end's request and 5xx
/// counts per minute. Writes are idempotent (a heartbeat or a minute's totals written twice is the same row).
/// </summary>
public interface IAvailabilityStore
{
    /// <summary>Records that <paramref name="silo"/> was ready in the minute holding <paramref name="at"/>.</summary>
    Task RecordHeartbeatAsync(string silo, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores the minutes' totals for <paramref name="instance"/>, replacing what it wrote for the same minutes.</summary>
    Task RecordTrafficAsync(string instance, IReadOnlyList<TrafficMinute> minutes, CancellationToken cancellationToken = default);

    /// <summary>What was recorded in [<paramref name="from"/>, <paramref name="to"/>), and the first heartbeat ever (null: none).</summary>
    Task<AvailabilitySamples> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <param name="UpMinutes">Minutes (their UTC start) in which at least one silo recorded a heartbeat.</param>
public sealed record AvailabilitySamples(DateTimeOffset? FirstHeartbeat, IReadOnlySet<DateTimeOffset> UpMinutes, long Requests, long ServerErrors);
