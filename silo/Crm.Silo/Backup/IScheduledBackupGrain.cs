namespace Crm.Silo.Backup;

/// <summary>
/// The cluster's one owner of scheduled backups (key 0): a single activation with a durable reminder, so however many
/// silos run, each due backup is written once. Only silos talk to it, so it lives with the silo host.
/// </summary>
public interface IScheduledBackupGrain : IGrainWithIntegerKey
{
    /// <summary>Every silo calls this at start: registers the reminder when backups are enabled, drops it otherwise.</summary>
    Task EnsureScheduleAsync();

    /// <summary>When the next backup is due, or null when none is scheduled.</summary>
    Task<DateTimeOffset?> GetNextDueAsync();
}

[GenerateSerializer, Alias("crm.backup.schedule-state")]
public sealed record ScheduledBackupState
{
    [Id(0)] public DateTimeOffset? NextDueAt { get; init; }
}
