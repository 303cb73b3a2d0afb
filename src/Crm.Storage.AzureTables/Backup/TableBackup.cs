using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>
/// Writes every product table (<see cref="BackupTables"/>) into one zip: <c>manifest.json</c> and one
/// <c>tables/&lt;Name&gt;.ndjson</c> per table (<see cref="EntityLine"/>), each with its SHA-256 in the manifest.
/// </summary>
/// <remarks>
/// Consistency per table: Azure Tables has no snapshots, so a table is scanned and then asked for the rows whose
/// Timestamp is at or after the scan's start (less a margin for clock skew). If any such row is missing from the scan
/// or has another ETag, the table changed while it was read and is scanned again, up to <see cref="MaxScanPasses"/>
/// times. A quiet check means the data file equals the table at the moment of the check (a delete during the scan is
/// not visible to this check); the manifest records per table whether the last pass was quiet. Back up a stopped
/// product for a guaranteed-consistent file.
/// </remarks>
public static class TableBackup
{
    public const int MaxScanPasses = 3;

    /// <summary>Timestamps are set by the server's clock and the scan start by ours; this covers the difference.</summary>
    public static readonly TimeSpan ClockSkewMargin = TimeSpan.FromMinutes(5);

    /// <param name="blobs">The same account's blob service, whose product containers go in too (<see cref="BlobBackup"/>).</param>
    public static async Task<BackupManifest> CreateAsync(
        TableServiceClient service, Stream output, IProgress<BackupProgress>? progress = null, BlobServiceClient? blobs = null, CancellationToken cancellationToken = default)
    {
        var createdAt = DateTimeOffset.UtcNow;
        var tables = await BackupTables.ListAsync(service, cancellationToken);
        var entries = new List<BackupTableEntry>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in tables)
            {
                entries.Add(await BackupTableAsync(service.GetTableClient(table), zip, progress, cancellationToken));
            }

            var blobEntries = blobs is null ? [] : await BlobBackup.WriteAsync(blobs, zip, progress, cancellationToken);
            var manifest = new BackupManifest
            {
                CreatedAt = createdAt,
                SourceAccount = service.AccountName,
                Tables = entries,
                BlobContainers = [.. blobEntries.Select(b => b.Container).Distinct(StringComparer.Ordinal)],
                Blobs = blobEntries,
            };
            var manifestEntry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal);
            await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
            {
                await JsonSerializer.SerializeAsync(stream, manifest, BackupManifest.Json, cancellationToken);
            }

            // Disposing the archive writes the central directory; only then is the file complete.
            return manifest;
        }
    }

    private static async Task<BackupTableEntry> BackupTableAsync(
        TableClient table, ZipArchive zip, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        // Each pass goes to a temporary file first, so that only the accepted pass reaches the archive.
        for (var pass = 1; ; pass++)
        {
            await using var scratch = new FileStream(
                Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var scan = await ScanAsync(table, scratch, pass, progress, cancellationToken);
            var quiet = await IsQuietSinceAsync(table, scan, cancellationToken);
            if (!quiet && pass < MaxScanPasses)
            {
                continue;
            }

            scratch.Position = 0;
            var name = BackupTables.DataEntryName(table.Name);
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            await using (var stream = await entry.OpenAsync(cancellationToken))
            {
                await scratch.CopyToAsync(stream, cancellationToken);
            }

            progress?.Report(new BackupProgress(table.Name, scan.Rows, scan.Rows, pass, Done: true));
            return new BackupTableEntry(table.Name, name, scan.Rows, scan.Sha256, quiet, pass);
        }
    }

    private sealed record Scan(DateTimeOffset Threshold, long Rows, string Sha256, Dictionary<(string, string), ETag> RecentETags);

    private static async Task<Scan> ScanAsync(
        TableClient table, Stream scratch, int pass, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var threshold = DateTimeOffset.UtcNow - ClockSkewMargin;
        var recent = new Dictionary<(string, string), ETag>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>();
        long rows = 0;
        progress?.Report(new BackupProgress(table.Name, 0, null, pass, Done: false));
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            buffer.ResetWrittenCount();
            EntityLine.Write(entity, buffer);
            hash.AppendData(buffer.WrittenSpan);
            await scratch.WriteAsync(buffer.WrittenMemory, cancellationToken);
            if (entity.Timestamp >= threshold)
            {
                // Only rows written lately can be caught changing; the check compares their ETags.
                recent[(entity.PartitionKey, entity.RowKey)] = entity.ETag;
            }

            if (++rows % 1000 == 0)
            {
                progress?.Report(new BackupProgress(table.Name, rows, null, pass, Done: false));
            }
        }

        return new Scan(threshold, rows, Convert.ToHexStringLower(hash.GetHashAndReset()), recent);
    }

    private static async Task<bool> IsQuietSinceAsync(TableClient table, Scan scan, CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"Timestamp ge {scan.Threshold}"),
                           select: ["PartitionKey", "RowKey"],
                           cancellationToken: cancellationToken))
        {
            if (!scan.RecentETags.TryGetValue((entity.PartitionKey, entity.RowKey), out var seen) || seen != entity.ETag)
            {
                return false;
            }
        }

        return true;
    }
}
