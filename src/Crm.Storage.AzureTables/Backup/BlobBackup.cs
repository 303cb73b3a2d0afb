using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>
/// The blob part of a backup: every blob of every container named with <see cref="CrmBlobContainers.Prefix"/> (found
/// by listing, as tables are), each stored byte for byte under <c>blobs/&lt;container&gt;/&lt;name&gt;</c> with its
/// size, SHA-256 and content type in the manifest. A blob written while the backup runs is in it or not; a report is
/// made again from the aggregates, so the tables hold what matters and the blobs are checked only for damage.
/// </summary>
public static class BlobBackup
{
    public const string EntryPrefix = "blobs/";

    public static string DataEntryName(string container, string name) => $"{EntryPrefix}{container}/{name}";

    public static async Task<IReadOnlyList<BackupBlobEntry>> WriteAsync(
        BlobServiceClient service, ZipArchive zip, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var entries = new List<BackupBlobEntry>();
        await foreach (var container in service.GetBlobContainersAsync(prefix: CrmBlobContainers.Prefix, cancellationToken: cancellationToken))
        {
            var client = service.GetBlobContainerClient(container.Name);
            long count = 0;
            progress?.Report(new BackupProgress(container.Name, 0, null, 1, Done: false));
            await foreach (var item in client.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                var blob = client.GetBlobClient(item.Name);
                var file = DataEntryName(container.Name, item.Name);
                var zipEntry = zip.CreateEntry(file, CompressionLevel.Optimal);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long bytes = 0;
                string? contentType;
                await using (var target = await zipEntry.OpenAsync(cancellationToken))
                {
                    var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
                    contentType = download.Value.Details.ContentType;
                    await using var source = download.Value.Content;
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        bytes += read;
                    }
                }

                entries.Add(new BackupBlobEntry(container.Name, item.Name, file, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()), contentType));
                count++;
            }

            progress?.Report(new BackupProgress(container.Name, count, count, 1, Done: true));
        }

        return entries;
    }

    /// <summary>Checks the manifest's blob entries and every blob file's size and checksum; throws <see cref="BackupFormatException"/>.</summary>
    public static async Task VerifyAsync(ZipArchive zip, IReadOnlyList<BackupBlobEntry> blobs, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var blob in blobs)
        {
            if (blob is null || string.IsNullOrEmpty(blob.Container) || !blob.Container.StartsWith(CrmBlobContainers.Prefix, StringComparison.Ordinal)
                || string.IsNullOrEmpty(blob.Name) || blob.File != DataEntryName(blob.Container, blob.Name) || string.IsNullOrEmpty(blob.Sha256) || blob.Bytes < 0)
            {
                throw new BackupFormatException($"{BackupManifest.EntryName}: blob entry '{blob?.Container}/{blob?.Name}' is incomplete or not a product blob.");
            }

            if (!seen.Add((blob.Container, blob.Name)))
            {
                throw new BackupFormatException($"{BackupManifest.EntryName}: blob {blob.Container}/{blob.Name} is listed twice.");
            }

            var entry = zip.GetEntry(blob.File) ?? throw new BackupFormatException($"The file has no {blob.File} for blob {blob.Container}/{blob.Name}; it is incomplete.");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            try
            {
                await using var stream = await entry.OpenAsync(cancellationToken);
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    bytes += read;
                }
            }
            catch (InvalidDataException ex)
            {
                throw new BackupFormatException($"{blob.File} (blob {blob.Container}/{blob.Name}) cannot be read: {ex.Message}", ex);
            }

            if (bytes != blob.Bytes)
            {
                throw new BackupFormatException($"Size mismatch in blob {blob.Container}/{blob.Name}: {blob.File} holds {bytes} bytes, the manifest says {blob.Bytes}.");
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(sha256, blob.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupFormatException(
                    $"Checksum mismatch in blob {blob.Container}/{blob.Name}: {blob.File} has SHA-256 {sha256}, the manifest says {blob.Sha256}. The file is damaged.");
            }
        }
    }

    /// <summary>Every container in the backup must be absent or empty in the target, as every table must.</summary>
    public static async Task EnsureEmptyAsync(BlobServiceClient service, IReadOnlyList<BackupBlobEntry> blobs, CancellationToken cancellationToken)
    {
        foreach (var container in blobs.Select(b => b.Container).Distinct(StringComparer.Ordinal))
        {
            try
            {
                await foreach (var _ in service.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken))
                {
                    throw new RestoreRefusedException(
                        $"Blob container {container} already holds blobs: restore goes into empty storage. Nothing was written. " +
                        "Restore into a new storage account, or delete the product's containers first.");
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No container yet: empty.
            }
        }
    }

    public static async Task RestoreAsync(
        BlobServiceClient service, ZipArchive zip, IReadOnlyList<BackupBlobEntry> blobs, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        foreach (var group in blobs.GroupBy(b => b.Container, StringComparer.Ordinal))
        {
            var client = service.GetBlobContainerClient(group.Key);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            long written = 0;
            var total = group.LongCount();
            foreach (var blob in group)
            {
                await using var stream = await zip.GetEntry(blob.File)!.OpenAsync(cancellationToken);
                await client.GetBlobClient(blob.Name).UploadAsync(
                    stream,
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = blob.ContentType } },
                    cancellationToken);
                progress?.Report(new BackupProgress(group.Key, ++written, total, 1, Done: written == total));
            }
        }
    }
}

/// <summary>One blob in a backup, kept byte for byte.</summary>
public sealed record BackupBlobEntry(
    string Container,
    string Name,
    string File,
    long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256,
    string? ContentType);
