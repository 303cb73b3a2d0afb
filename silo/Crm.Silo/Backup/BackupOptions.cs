namespace Crm.Silo.Backup;

/// <summary>Scheduled backups written by the silo (off by default). Files are named <c>crm-backup-yyyyMMddTHHmmssZ.zip</c> (UTC, sortable).</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Crm:Backup";

    public bool Enabled { get; set; }

    /// <summary>Time between backups; the first runs one interval after the silo starts.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Where backup files go; created if missing. Required when enabled.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How many of the newest backup files to keep; older ones are deleted after each successful backup.</summary>
    public int Keep { get; set; } = 7;
}
