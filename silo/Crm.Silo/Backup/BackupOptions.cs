namespace Crm.Silo.Backup;

/// <summary>Scheduled backups, written once for the whole cluster (off by default; set the same on every silo). Files are named <c>crm-backup-yyyyMMddTHHmmssZ.zip</c> (UTC, sortable).</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Crm:Backup";

    public bool Enabled { get; set; }

    /// <summary>Time between backups; the first runs one interval after backups are first enabled.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the cluster's backup owner checks whether a backup is due (its reminder's period).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where backup files go; created if missing. Required when enabled.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How many of the newest backup files to keep; older ones are deleted after each successful backup.</summary>
    public int Keep { get; set; } = 7;
}
