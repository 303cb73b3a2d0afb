namespace Crm.Silo.Backup;

/// <summary>
/// At silo start, tells the cluster's backup owner this silo's settings. Every silo does it and the owner is one grain,
/// so the schedule exists once; set the same <c>Crm:Backup</c> settings on every silo.
/// </summary>
public sealed partial class BackupScheduleStart(IGrainFactory grains, ILogger<BackupScheduleStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BackupScheduleStart), ServiceLifecycleStage.Active, async _ =>
        {
            try
            {
                await grains.GetGrain<IScheduledBackupGrain>(0).EnsureScheduleAsync();
            }
            catch (Exception ex)
            {
                // Another silo (or this one's next start) sets the schedule; a silo must not fail to start over it.
                LogScheduleFailed(ex);
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the backup schedule at start.")]
    private partial void LogScheduleFailed(Exception exception);
}
