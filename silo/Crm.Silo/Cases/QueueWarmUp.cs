using Crm.Contracts.Access;
using Crm.Contracts.Cases;

namespace Crm.Silo.Cases;

/// <summary>
/// Loads every tenant's work queue into memory once the silo is up, in the background, so that after a restart the
/// first agent to open the queue does not wait for the load (seconds for a tenant with a large backlog).
/// Each queue grain exists once in the cluster, so when every silo does this the extra calls are cheap no-ops.
/// </summary>
public sealed partial class QueueWarmUp(IGrainFactory grains, ILogger<QueueWarmUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(QueueWarmUp), ServiceLifecycleStage.Active, cancellationToken =>
        {
            // Not awaited: the silo must not wait for storage reads to start serving.
            _ = Task.Run(() => WarmAsync(cancellationToken), CancellationToken.None);
            return Task.CompletedTask;
        });

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tenants = await grains.GetGrain<ITenantRegistryGrain>(0).ListAsync();
            foreach (var tenant in tenants)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // One tenant at a time, so the warm-up never crowds out the requests the silo is already serving.
                await grains.GetGrain<ICaseQueueGrain>(tenant.TenantId).ListAsync(new CaseQueueQuery(PageSize: 1));
            }

            LogWarmed(tenants.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A queue not warmed here loads on its first read instead; nothing is lost.
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work queues of {Count} tenants loaded.")]
    private partial void LogWarmed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the work queues at start stopped; each loads on its first read instead.")]
    private partial void LogFailed(Exception exception);
}
