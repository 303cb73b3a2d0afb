namespace Crm.Silo.Cases;

/// <summary>
/// Asks the cluster's warm-up owner to load every tenant's work queue once this silo is up, so that after a restart
/// the first agent to open the queue does not wait for the load (seconds for a tenant with a large backlog).
/// </summary>
public sealed partial class QueueWarmUp(IGrainFactory grains, ILogger<QueueWarmUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(QueueWarmUp), ServiceLifecycleStage.Active, async _ =>
        {
            try
            {
                await grains.GetGrain<IQueueWarmUpGrain>(0).WarmAsync();
            }
            catch (Exception ex)
            {
                // A queue not warmed here loads on its first read instead; nothing is lost.
                LogFailed(ex);
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask for the work-queue warm-up; each queue loads on its first read instead.")]
    private partial void LogFailed(Exception exception);
}
