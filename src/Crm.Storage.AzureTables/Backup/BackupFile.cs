using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>Backs up to a file, atomically: written under a temporary name and renamed, so a failed backup never leaves a half-written file under the final name.</summary>
public static class BackupFile
{
    public const string PartialSuffix = ".partial";

    public static async Task<BackupManifest> CreateAsync(
        TableServiceClient service, string path, bool overwrite, IProgress<BackupProgress>? progress = null, BlobServiceClient? blobs = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"{full} already exists; choose another name or allow overwriting it.");
        }

        var temp = $"{full}.{Guid.NewGuid():N}{PartialSuffix}";
        try
        {
            BackupManifest manifest;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                manifest = await TableBackup.CreateAsync(service, stream, progress, blobs, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite);
            return manifest;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
