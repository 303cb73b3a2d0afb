using Crm.Grains.Reports;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Crm.Silo.Reports.Availability;

/// <summary>
/// Records this silo's readiness once a minute: while the silo is active in the cluster, the first check of each
/// minute writes a heartbeat for it. Checks run more often than once a minute so a late timer never skips a minute;
/// only a minute's first check writes, so the cost is one small table write per silo and minute.
/// </summary>
public sealed partial class SiloHeartbeat(
    IAvailabilityStore store,
    ISiloStatusOracle status,
    ILocalSiloDetails silo,
    TimeProvider time,
    IOptions<AvailabilityOptions> options,
    ILogger<SiloHeartbeat> logger) : BackgroundService
{
    private DateTimeOffset _lastMinute = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        do
        {
            await BeatAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Writes the minute's heartbeat if the silo is ready and this minute has none from it yet.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (minute == _lastMinute || status.CurrentStatus != SiloStatus.Active)
        {
            return;
        }

        try
        {
            await store.RecordHeartbeatAsync(silo.Name, minute, cancellationToken);
            _lastMinute = minute;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage away: this minute counts as down unless another silo wrote it, which is what happened.
            LogHeartbeatFailed(logger, ex, silo.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} could not record its heartbeat")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string silo);
}
