using System.Globalization;
using Azure.Data.Tables;
using Crm.Storage.AzureTables.Backup;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Backup;

/// <summary>
/// One scheduled backup: a file named for the current UTC time, then retention of the newest
/// <see cref="BackupOptions.Keep"/>. <see cref="ScheduledBackupGrain"/> decides when, once for the whole cluster. Rows
/// written while the backup runs are handled by the per-table consistency check of <see cref="TableBackup"/>.
/// </summary>
public sealed partial class BackupRunner(
    TableServiceClient service, Azure.Storage.Blobs.BlobServiceClient blobs, IOptions<BackupOptions> options, TimeProvider time, ILogger<BackupRunner> logger)
{
    public const string FilePrefix = "crm-backup-";
    public const string FileSuffix = ".zip";
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly BackupOptions _options = options.Value;

    /// <summary>One scheduled run: a backup file named for the current UTC time, then retention. Returns the file's path.</summary>
    public async Task<string> RunOnceAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.Folder);
        var stamp = time.GetUtcNow().UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);
        var path = Path.Combine(_options.Folder, FilePrefix + stamp + FileSuffix);
        var manifest = await BackupFile.CreateAsync(service, path, overwrite: false, blobs: blobs, cancellationToken: cancellationToken);
        LogBackupWritten(path, manifest.Tables.Sum(t => t.Rows), manifest.Blobs.Count, manifest.Tables.Count(t => !t.Consistent));
        DeleteOldBackups();
        return path;
    }

    private void DeleteOldBackups()
    {
        // Names sort by time; only files this service names are ever deleted.
        var old = Directory.GetFiles(_options.Folder, FilePrefix + "*" + FileSuffix)
            .Where(f => DateTime.TryParseExact(
                Path.GetFileName(f)[FilePrefix.Length..^FileSuffix.Length], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            .Order(StringComparer.Ordinal)
            .SkipLast(_options.Keep);
        foreach (var file in old)
        {
            File.Delete(file);
            LogBackupDeleted(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written to {Path}: {Rows} rows and {Blobs} blobs; {ChangedTables} tables changed during every scan.")]
    private partial void LogBackupWritten(string path, long rows, int blobs, int changedTables);

    [LoggerMessage(Level = LogLevel.Information, Message = "Old backup {Path} deleted (retention).")]
    private partial void LogBackupDeleted(string path);

}
