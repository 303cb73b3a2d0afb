namespace Crm.Silo;

/// <summary>
/// Wakes one of the cluster's singleton owners (a grain with key 0: one activation in the cluster, so the work runs
/// once however many silos start) when this silo becomes active. Every silo does it; the grain decides whether there
/// is anything to do. A silo must never fail to start over it, so a failure is logged with what follows from it.
/// </summary>
public sealed partial class ClusterSingletonStart<TGrain>(
    IGrainFactory grains, Func<TGrain, Task> start, string ifItFails, ILogger<ClusterSingletonStart<TGrain>> logger)
    : ILifecycleParticipant<ISiloLifecycle>
    where TGrain : IGrainWithIntegerKey
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(typeof(TGrain).Name, ServiceLifecycleStage.Active, async _ =>
        {
            try
            {
                await start(grains.GetGrain<TGrain>(0));
            }
            catch (Exception ex)
            {
                LogStartFailed(ex, typeof(TGrain).Name, ifItFails);
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the cluster singleton {Grain} at silo start; {Consequence}")]
    private partial void LogStartFailed(Exception exception, string grain, string consequence);
}

public static class ClusterSingletonStartExtensions
{
    /// <summary>At every silo's start, calls <paramref name="start"/> on the cluster's one <typeparamref name="TGrain"/> (key 0).</summary>
    /// <param name="ifItFails">What follows when the call fails, for the log: who does the work instead.</param>
    public static IServiceCollection AddClusterSingletonStart<TGrain>(this IServiceCollection services, Func<TGrain, Task> start, string ifItFails)
        where TGrain : IGrainWithIntegerKey =>
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new ClusterSingletonStart<TGrain>(
            sp.GetRequiredService<IGrainFactory>(), start, ifItFails, sp.GetRequiredService<ILogger<ClusterSingletonStart<TGrain>>>()));
}
