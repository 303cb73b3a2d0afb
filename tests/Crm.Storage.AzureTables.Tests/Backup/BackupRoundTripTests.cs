using Azure.Data.Tables;
using Crm.Storage.AzureTables.Backup;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Backup;

/// <summary>Back up, restore into a fresh Azurite, and every product row is back exactly; other tables are left out.</summary>
public sealed class BackupRoundTripTests
{
    private const string TypesTable = "CrmBackupTypes";
    private const string ManyTable = "CrmBackupMany";
    private const string EmptyTable = "CrmBackupEmpty";
    private const string ForeignTable = "OtherBackupTable";

    [Fact]
    public async Task CreateThenRestore_EveryEdmTypeAndEdgeValue_ComesBackExactly()
    {
        await using var source = await AzuriteServer.StartAsync();
        var sourceService = new TableServiceClient(source.ConnectionString);
        var typed = TypedEntities().ToList();
        var many = ManyEntities().ToList();
        var big = BigEntities().ToList();
        await SeedAsync(sourceService, TypesTable, typed);
        await SeedAsync(sourceService, ManyTable, many.Concat(big));
        await SeedAsync(sourceService, EmptyTable, []);
        await SeedAsync(sourceService, ForeignTable, [new TableEntity("p", "r") { ["X"] = 1 }]);

        using var file = new MemoryStream();
        var manifest = await TableBackup.CreateAsync(sourceService, file);

        Assert.Equal([EmptyTable, ManyTable, TypesTable], manifest.Tables.Select(t => t.Name));
        Assert.All(manifest.Tables, t => Assert.True(t.Consistent));
        Assert.Equal(many.Count + big.Count, manifest.Tables.Single(t => t.Name == ManyTable).Rows);

        await using var target = await AzuriteServer.StartAsync();
        var targetService = new TableServiceClient(target.ConnectionString);
        file.Position = 0;
        await TableRestore.RestoreAsync(targetService, file);

        // Exactly what the source storage held (as the SDK reads it), and exactly what the test wrote.
        foreach (var table in new[] { TypesTable, ManyTable })
        {
            BackupAssert.SameEntities(
                await BackupAssert.ReadAllAsync(sourceService, table), await BackupAssert.ReadAllAsync(targetService, table), table);
        }

        BackupAssert.SameEntities(typed, await BackupAssert.ReadAllAsync(targetService, TypesTable), TypesTable);
        BackupAssert.SameEntities(many.Concat(big), await BackupAssert.ReadAllAsync(targetService, ManyTable), ManyTable);
        BackupAssert.SameEntities([], await BackupAssert.ReadAllAsync(targetService, EmptyTable), EmptyTable);
        Assert.DoesNotContain(ForeignTable, await TableNamesAsync(targetService));
    }

    [Fact]
    public async Task Create_RowChangesDuringScan_ScansAgainAndRecordsPasses()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var rows = Enumerable.Range(0, 1200).Select(i => new TableEntity("p", i.ToString("D5")) { ["V"] = i }).ToList();
        await SeedAsync(service, ManyTable, rows);
        var table = service.GetTableClient(ManyTable);

        // Changes an already-scanned row once, in the middle of the first pass.
        var changer = new SyncProgress(p =>
        {
            if (p is { Pass: 1, Rows: 1000 })
            {
                table.UpsertEntity(new TableEntity("p", "00000") { ["V"] = -1 });
            }
        });
        using var file = new MemoryStream();
        var manifest = await TableBackup.CreateAsync(service, file, changer);

        var entry = Assert.Single(manifest.Tables);
        Assert.Equal(2, entry.ScanPasses);
        Assert.True(entry.Consistent);

        await using var target = await AzuriteServer.StartAsync();
        var targetService = new TableServiceClient(target.ConnectionString);
        file.Position = 0;
        await TableRestore.RestoreAsync(targetService, file);
        var restored = await BackupAssert.ReadAllAsync(targetService, ManyTable);
        Assert.Equal(-1, restored.Single(r => r.RowKey == "00000").GetInt32("V"));
    }

    internal static async Task SeedAsync(TableServiceClient service, string table, IEnumerable<TableEntity> rows)
    {
        await service.CreateTableIfNotExistsAsync(table);
        var client = service.GetTableClient(table);
        foreach (var row in rows)
        {
            await client.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }
    }

    internal static async Task<List<string>> TableNamesAsync(TableServiceClient service)
    {
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }

        return names;
    }

    internal static IEnumerable<TableEntity> TypedEntities()
    {
        yield return new TableEntity("types", "edges")
        {
            ["EmptyString"] = "",
            ["Unicode"] = "客户服务 · Müller — ✓ 😀 \"quoted\" \\ back\nline\ttab",
            ["Int32Max"] = int.MaxValue,
            ["Int32Min"] = int.MinValue,
            ["Int64Max"] = long.MaxValue,
            ["Int64Min"] = long.MinValue,
            ["Int64Zero"] = 0L,
            ["DoubleWhole"] = 2.0,
            ["DoubleFraction"] = 0.1,
            ["DoubleMax"] = double.MaxValue,
            ["DoubleEpsilon"] = double.Epsilon,
            // Not -0.0 (storage gives back 0) nor ±Infinity (the SDK cannot write them): neither can be stored to back up.
            ["DoubleNaN"] = double.NaN,
            ["True"] = true,
            ["False"] = false,
            ["DateTicks"] = new DateTimeOffset(2026, 11, 24, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567),
            ["DateMin"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["DateMax"] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9999999),
            ["Guid"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["GuidEmpty"] = Guid.Empty,
            ["BinaryZeros"] = new byte[] { 0, 0, 1, 0, 255, 0 },
            ["BinaryEmpty"] = Array.Empty<byte>(),
        };
        yield return new TableEntity("客户|tenant 1", "row with spaces & 中文") { ["Only"] = "keys with unicode" };
        yield return new TableEntity("", "") { ["EmptyKeys"] = true };
        yield return new TableEntity("types", "no-properties");
    }

    /// <summary>Several partitions, one with more than 100 rows so that restore must split it into batches.</summary>
    internal static IEnumerable<TableEntity> ManyEntities()
    {
        for (var p = 0; p < 3; p++)
        {
            var count = p == 0 ? 250 : 7;
            for (var r = 0; r < count; r++)
            {
                yield return new TableEntity($"partition-{p}", $"row-{r:D4}")
                {
                    ["Index"] = r,
                    ["At"] = DateTimeOffset.UnixEpoch.AddTicks(r * 10_000_019L),
                    ["Text"] = $"行 {r}",
                };
            }
        }
    }

    /// <summary>Entities near Azure's 1 MiB limit, so that 4 MiB batches must hold fewer than 100 of them.</summary>
    internal static IEnumerable<TableEntity> BigEntities()
    {
        var random = new Random(7);
        for (var r = 0; r < 6; r++)
        {
            var entity = new TableEntity("big", $"big-{r}");
            for (var chunk = 0; chunk < 10; chunk++)
            {
                var bytes = new byte[64 * 1024];
                random.NextBytes(bytes);
                entity[$"Data{chunk}"] = bytes;
            }

            yield return entity;
        }
    }

    /// <summary>Reports synchronously on the calling thread (unlike <see cref="Progress{T}"/>).</summary>
    internal sealed class SyncProgress(Action<BackupProgress> report) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => report(value);
    }
}
