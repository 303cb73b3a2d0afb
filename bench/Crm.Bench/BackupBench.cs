using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Crm.Storage.AzureTables.Backup;
using Crm.Testing;

namespace Crm.Bench;

/// <summary>
/// Backup and restore throughput next to Azurite's raw rates measured in the same run: a full-table query (what a
/// backup scan costs at least) and 100-entity batch writes (what a restore costs at least).
/// </summary>
internal static class BackupBench
{
    public static async Task RunAsync(int rows)
    {
        await using var source = await AzuriteServer.StartAsync();
        var service = new TableServiceClient(source.ConnectionString);
        var payload = new string('x', 600); // About the size of a serialized customer profile.
        var results = new List<(string Name, double RowsPerSecond)>();

        TableEntity Row(int j) => new("p" + (j / 1000).ToString("D4", CultureInfo.InvariantCulture), j.ToString("D8", CultureInfo.InvariantCulture))
        {
            ["Data"] = payload, ["Number"] = (long)j, ["At"] = DateTimeOffset.UnixEpoch.AddSeconds(j),
        };
        async Task WriteAsync(TableClient client)
        {
            await client.CreateIfNotExistsAsync();
            foreach (var chunk in Enumerable.Range(0, rows).Chunk(100))
            {
                await client.SubmitTransactionAsync(chunk.Select(j => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(j))));
            }
        }

        // The first write warms up the client and Azurite; the second (not a product table, so not backed up) is timed.
        var table = service.GetTableClient("CrmBenchBackup");
        await WriteAsync(table);
        var watch = Stopwatch.StartNew();
        await WriteAsync(service.GetTableClient("BenchRawWrite"));
        results.Add(("Azurite raw batch write, 100 entities per transaction, one at a time", rows / watch.Elapsed.TotalSeconds));

        watch.Restart();
        var scanned = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>())
        {
            scanned++;
        }

        results.Add(("Azurite raw full-table query", scanned / watch.Elapsed.TotalSeconds));

        using var file = new MemoryStream();
        watch.Restart();
        var manifest = await TableBackup.CreateAsync(service, file);
        results.Add(($"crm backup create (scan, consistency check, zip; {file.Length / 1024} KiB)", manifest.Tables.Sum(t => t.Rows) / watch.Elapsed.TotalSeconds));

        await using var target = await AzuriteServer.StartAsync();
        file.Position = 0;
        watch.Restart();
        await TableRestore.RestoreAsync(new TableServiceClient(target.ConnectionString), file);
        results.Add(("crm backup restore (verify whole file, then batches, one at a time)", rows / watch.Elapsed.TotalSeconds));

        Console.WriteLine($"rows={rows} cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
        Console.WriteLine("| what | rows/s | ratio to raw full-table query |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, perSecond) in results)
        {
            Console.WriteLine($"| {name} | {perSecond:F0} | {perSecond / results[1].RowsPerSecond:F2} |");
        }
    }
}
