using Crm.Contracts.Reports;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Hands the counted minutes to the silos every <see cref="Interval"/>. Totals replace what was written for the same
/// minute, so a flush repeated after a lost answer counts nothing twice; a failed flush keeps the minutes for the next.
/// </summary>
public sealed partial class ServiceTrafficFlusher(ServiceTrafficCounter counter, IClusterClient cluster, TimeProvider time, ILogger<ServiceTrafficFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync();
    }

    public async Task FlushAsync()
    {
        var minutes = counter.Snapshot();
        if (minutes.IsEmpty)
        {
            return;
        }

        try
        {
            await cluster.GetGrain<IServiceTrafficGrain>(0).RecordAsync(counter.Instance, minutes);
            counter.Forget(minutes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(logger, ex, minutes.Length);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand over {Minutes} minutes of request counts; kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int minutes);
}
