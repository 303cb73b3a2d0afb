namespace Crm.Storage.AzureTables.Backup;

/// <summary>
/// Progress of one table in a backup or restore. <see cref="TotalRows"/> is null while a backup is still scanning
/// (the row count is unknown until the scan ends); <see cref="Pass"/> counts scans of the table (see <see cref="TableBackup"/>).
/// </summary>
public sealed record BackupProgress(string Table, long Rows, long? TotalRows, int Pass, bool Done);
