using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using Crm.Storage.AzureTables.Backup;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Backup;

/// <summary>A restore that cannot be trusted or would overwrite data is refused, with a message naming the problem and nothing written.</summary>
public sealed class BackupRefusalTests(BackupRefusalTests.Fixture fixture) : IClassFixture<BackupRefusalTests.Fixture>
{
    private const string FirstTable = "CrmBackupAlpha";
    private const string LastTable = "CrmBackupOmega";

    [Theory]
    [InlineData("checksum", "Checksum mismatch in table CrmBackupAlpha")]
    [InlineData("rows", "Row count mismatch in table CrmBackupAlpha")]
    [InlineData("truncated", "not a complete backup archive")]
    [InlineData("no manifest", "has no manifest.json")]
    [InlineData("no table file", "has no tables/CrmBackupOmega.ndjson for table CrmBackupOmega")]
    [InlineData("not zip", "not a complete backup archive")]
    [InlineData("unknown version", "format version 99 is not known")]
    [InlineData("bad value", "table CrmBackupOmega, line 2, field 'Count'")]
    [InlineData("unterminated line", "ends in the middle of line 3")]
    public async Task Restore_DamagedFile_RefusedNamingTheProblemAndWritesNothing(string damage, string expected)
    {
        var bytes = Damage(fixture.Backup, damage);

        var error = await Assert.ThrowsAsync<BackupFormatException>(() => TableRestore.RestoreAsync(fixture.TargetService, new MemoryStream(bytes)));

        Assert.Contains(expected, error.Message);
        Assert.Empty(await BackupRoundTripTests.TableNamesAsync(fixture.TargetService));
    }

    [Fact]
    public async Task Restore_ValidFile_PassesVerification()
    {
        var manifest = await TableRestore.VerifyAsync(new MemoryStream(fixture.Backup));

        Assert.Equal([FirstTable, LastTable], manifest.Tables.Select(t => t.Name));
    }

    [Fact]
    public async Task Restore_TargetTableHoldsRows_RefusesNamingTheTableAndWritesNothing()
    {
        await using var target = await AzuriteServer.StartAsync();
        var service = new TableServiceClient(target.ConnectionString);
        var existing = new TableEntity("kept", "kept") { ["Value"] = "already here" };
        await BackupRoundTripTests.SeedAsync(service, LastTable, [existing]);

        var error = await Assert.ThrowsAsync<RestoreRefusedException>(() => TableRestore.RestoreAsync(service, new MemoryStream(fixture.Backup)));

        Assert.Contains($"Table {LastTable} already holds rows: restore goes into empty storage", error.Message);
        Assert.Equal([LastTable], await BackupRoundTripTests.TableNamesAsync(service));
        BackupAssert.SameEntities([existing], await BackupAssert.ReadAllAsync(service, LastTable), LastTable);
    }

    private static byte[] Damage(byte[] backup, string damage)
    {
        if (damage == "not zip")
        {
            return Encoding.UTF8.GetBytes("PartitionKey,RowKey\nnot,a backup\n");
        }

        if (damage == "truncated")
        {
            return backup[..(backup.Length * 2 / 3)];
        }

        var entries = ReadEntries(backup);
        var alpha = BackupTables.DataEntryName(FirstTable);
        var omega = BackupTables.DataEntryName(LastTable);
        switch (damage)
        {
            case "checksum":
                entries[alpha] = entries[alpha].Replace("\"Value\":1", "\"Value\":7");
                break;
            case "rows":
                entries[BackupManifest.EntryName] = entries[BackupManifest.EntryName].Replace("\"rows\": 3", "\"rows\": 4");
                break;
            case "no manifest":
                entries.Remove(BackupManifest.EntryName);
                break;
            case "no table file":
                entries.Remove(omega);
                break;
            case "unknown version":
                entries[BackupManifest.EntryName] = entries[BackupManifest.EntryName].Replace("\"formatVersion\": 1", "\"formatVersion\": 99");
                break;
            case "bad value":
                // A well-formed line whose Int64 is not a number, with the manifest's checksum made to match.
                ReplaceAndRehash(entries, LastTable, "\"Value\":\"2\"", "\"Value\":\"two\"");
                break;
            case "unterminated line":
                ReplaceAndRehash(entries, LastTable, entries[omega], entries[omega].TrimEnd('\n'));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage));
        }

        return WriteEntries(entries);
    }

    private static void ReplaceAndRehash(Dictionary<string, string> entries, string table, string from, string to)
    {
        var name = BackupTables.DataEntryName(table);
        var before = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(entries[name])));
        Assert.Contains(from, entries[name]);
        entries[name] = entries[name].Replace(from, to);
        var after = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(entries[name])));
        entries[BackupManifest.EntryName] = entries[BackupManifest.EntryName].Replace(before, after);
    }

    private static Dictionary<string, string> ReadEntries(byte[] backup)
    {
        using var zip = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    private static byte[] WriteEntries(Dictionary<string, string> entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return output.ToArray();
    }

    /// <summary>One valid backup of two small tables, and an empty target that every refusal must leave empty.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private AzuriteServer? _source;
        private AzuriteServer? _target;

        public byte[] Backup { get; private set; } = [];

        public TableServiceClient TargetService { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _source = await AzuriteServer.StartAsync();
            _target = await AzuriteServer.StartAsync();
            var source = new TableServiceClient(_source.ConnectionString);
            await BackupRoundTripTests.SeedAsync(source, FirstTable, Enumerable.Range(1, 3).Select(i => new TableEntity("a", $"r{i}") { ["Count"] = i }));
            await BackupRoundTripTests.SeedAsync(source, LastTable, Enumerable.Range(1, 3).Select(i => new TableEntity("o", $"r{i}") { ["Count"] = (long)i }));
            using var file = new MemoryStream();
            await TableBackup.CreateAsync(source, file);
            Backup = file.ToArray();
            TargetService = new TableServiceClient(_target.ConnectionString);
        }

        public async Task DisposeAsync()
        {
            foreach (var server in new[] { _source, _target })
            {
                if (server is not null)
                {
                    await server.DisposeAsync();
                }
            }
        }
    }
}
