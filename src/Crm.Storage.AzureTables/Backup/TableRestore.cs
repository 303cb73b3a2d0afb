using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>
/// Restores a file written by <see cref="TableBackup"/> into empty storage. The whole file is checked first (manifest,
/// every data file, checksums, row counts, every line), and every target table must be empty, before anything is
/// written; a bad file or non-empty storage is refused with nothing written.
/// </summary>
public static class TableRestore
{
    /// <summary>Azure's limit of operations in one transaction.</summary>
    public const int MaxBatchEntities = 100;

    /// <summary>Below Azure's 4 MiB limit of one transaction's payload, measured by <see cref="EntityLine.EstimateWireBytes"/>.</summary>
    public const long MaxBatchBytes = 3 * 1024 * 1024;

    public static async Task<BackupManifest> RestoreAsync(
        TableServiceClient service, Stream input, IProgress<BackupProgress>? progress = null, BlobServiceClient? blobs = null, CancellationToken cancellationToken = default)
    {
        using var zip = OpenArchive(input);
        var manifest = await VerifyAsync(zip, cancellationToken);
        if (manifest.Blobs.Count > 0 && blobs is null)
        {
            throw new RestoreRefusedException("The backup holds blobs and the target has no blob service. Nothing was written.");
        }

        await EnsureEmptyAsync(service, manifest, cancellationToken);
        if (blobs is not null)
        {
            await BlobBackup.EnsureEmptyAsync(blobs, manifest.Blobs, cancellationToken);
        }

        foreach (var table in manifest.Tables)
        {
            await RestoreTableAsync(service, zip, table, progress, cancellationToken);
        }

        if (blobs is not null)
        {
            await BlobBackup.RestoreAsync(blobs, zip, manifest.Blobs, progress, cancellationToken);
        }

        return manifest;
    }

    /// <summary>Checks the whole file without writing anything; returns its manifest or throws <see cref="BackupFormatException"/>.</summary>
    public static async Task<BackupManifest> VerifyAsync(Stream input, CancellationToken cancellationToken = default)
    {
        using var zip = OpenArchive(input);
        return await VerifyAsync(zip, cancellationToken);
    }

    private static ZipArchive OpenArchive(Stream input)
    {
        try
        {
            return new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new BackupFormatException($"The file is not a complete backup archive (not a zip file, or truncated): {ex.Message}", ex);
        }
    }

    private static async Task<BackupManifest> VerifyAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(zip, cancellationToken);
        foreach (var table in manifest.Tables)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            await foreach (var _ in ReadEntitiesAsync(zip, table, hash, cancellationToken))
            {
                rows++;
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(sha256, table.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupFormatException(
                    $"Checksum mismatch in table {table.Name}: {table.File} has SHA-256 {sha256}, the manifest says {table.Sha256}. The file is damaged.");
            }

            if (rows != table.Rows)
            {
                throw new BackupFormatException($"Row count mismatch in table {table.Name}: {table.File} holds {rows} rows, the manifest says {table.Rows}.");
            }
        }

        await BlobBackup.VerifyAsync(zip, manifest.Blobs, cancellationToken);
        return manifest;
    }

    private static async Task<BackupManifest> ReadManifestAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(BackupManifest.EntryName)
            ?? throw new BackupFormatException($"The file has no {BackupManifest.EntryName}; it is not a Crm backup or is incomplete.");
        BackupManifest? manifest;
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, BackupManifest.Json, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new BackupFormatException($"{BackupManifest.EntryName} cannot be read: {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new BackupFormatException($"{BackupManifest.EntryName} is empty.");
        }

        if (manifest.FormatVersion != BackupManifest.CurrentFormatVersion)
        {
            throw new BackupFormatException(
                $"{BackupManifest.EntryName}: format version {manifest.FormatVersion} is not known (this tool reads version {BackupManifest.CurrentFormatVersion}).");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in manifest.Tables ?? [])
        {
            if (table is null || string.IsNullOrEmpty(table.Name) || !table.Name.StartsWith(CrmTables.Prefix, StringComparison.Ordinal)
                || table.File != BackupTables.DataEntryName(table.Name) || string.IsNullOrEmpty(table.Sha256) || table.Rows < 0)
            {
                throw new BackupFormatException($"{BackupManifest.EntryName}: table entry '{table?.Name}' is incomplete or not a product table.");
            }

            if (!seen.Add(table.Name))
            {
                throw new BackupFormatException($"{BackupManifest.EntryName}: table {table.Name} is listed twice.");
            }
        }

        return manifest with { Tables = manifest.Tables ?? [], Blobs = manifest.Blobs ?? [] };
    }

    private static async IAsyncEnumerable<TableEntity> ReadEntitiesAsync(
        ZipArchive zip, BackupTableEntry table, IncrementalHash? hash,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(table.File)
            ?? throw new BackupFormatException($"The file has no {table.File} for table {table.Name}; it is incomplete.");
        Stream stream;
        try
        {
            stream = await entry.OpenAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new BackupFormatException($"{table.File} (table {table.Name}) cannot be read: {ex.Message}", ex);
        }

        await using (stream)
        {
            var lines = new LineReader(stream);
            long lineNumber = 0;
            while (true)
            {
                ReadOnlyMemory<byte>? line;
                try
                {
                    line = await lines.ReadLineAsync(cancellationToken);
                }
                catch (InvalidDataException ex)
                {
                    throw new BackupFormatException($"{table.File} (table {table.Name}) is damaged after line {lineNumber}: {ex.Message}", ex);
                }

                if (line is not { } bytes)
                {
                    break;
                }

                lineNumber++;
                hash?.AppendData(bytes.Span);
                if (!lines.LastLineEnded)
                {
                    throw new BackupFormatException($"{table.File} (table {table.Name}) ends in the middle of line {lineNumber}; it is truncated.");
                }

                yield return EntityLine.Parse(bytes.Span[..^1], table.Name, lineNumber);
            }
        }
    }

    private static async Task EnsureEmptyAsync(TableServiceClient service, BackupManifest manifest, CancellationToken cancellationToken)
    {
        foreach (var table in manifest.Tables)
        {
            try
            {
                await foreach (var _ in service.GetTableClient(table.Name)
                                   .QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
                {
                    throw new RestoreRefusedException(
                        $"Table {table.Name} already holds rows: restore goes into empty storage. Nothing was written. " +
                        "Restore into a new storage account, or delete the product's tables first.");
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No table yet: empty.
            }
        }
    }

    private static async Task RestoreTableAsync(
        TableServiceClient service, ZipArchive zip, BackupTableEntry table, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        await service.CreateTableIfNotExistsAsync(table.Name, cancellationToken);
        var client = service.GetTableClient(table.Name);
        var batch = new List<TableTransactionAction>();
        long batchBytes = 0;
        long written = 0;
        progress?.Report(new BackupProgress(table.Name, 0, table.Rows, 1, Done: false));

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            await client.SubmitTransactionAsync(batch, cancellationToken);
            written += batch.Count;
            batch.Clear();
            batchBytes = 0;
            progress?.Report(new BackupProgress(table.Name, written, table.Rows, 1, Done: false));
        }

        await foreach (var entity in ReadEntitiesAsync(zip, table, hash: null, cancellationToken))
        {
            // A transaction holds one partition, at most 100 entities and 4 MiB.
            var size = EntityLine.EstimateWireBytes(entity);
            if (batch.Count > 0 && (batch.Count == MaxBatchEntities || batchBytes + size > MaxBatchBytes
                                    || batch[0].Entity.PartitionKey != entity.PartitionKey))
            {
                await FlushAsync();
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            batchBytes += size;
        }

        await FlushAsync();
        progress?.Report(new BackupProgress(table.Name, written, table.Rows, 1, Done: true));
    }
}
