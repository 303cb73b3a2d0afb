using Crm.Storage.AzureTables;
using Azure.Data.Tables;
using Crm.Silo;
using Crm.Silo.Backup;
using Crm.Storage.AzureTables.Backup;
using Crm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Crm.EndToEnd.Tests.Backup;

/// <summary>Scheduled backups: once per interval for the whole cluster, valid, time-named, and only the newest kept.</summary>
public sealed class ScheduledBackupServiceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-backup-scheduled-").FullName;
    private AzuriteServer? _azurite;
    private TableServiceClient _service = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _service = new TableServiceClient(_azurite.ConnectionString);
        await _service.CreateTableIfNotExistsAsync("CrmScheduled");
        await _service.GetTableClient("CrmScheduled").AddEntityAsync(new TableEntity("p", "r") { ["V"] = "scheduled" });
        var reports = new Azure.Storage.Blobs.BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(CrmBlobContainers.Reports);
        await reports.CreateIfNotExistsAsync();
        await reports.GetBlobClient("t/2026-11/report.pdf").UploadAsync(new BinaryData("%PDF scheduled"u8.ToArray()), overwrite: true);
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Schedule_ThreeSilos_WritesOneValidBackupPerInterval()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"crm-backup-keys-{Guid.NewGuid():N}.json");
        var interval = TimeSpan.FromSeconds(3);
        var silos = new List<WebApplication>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var silo = SiloHost.Build(
                [
                    $"--ConnectionStrings:Tables={_azurite!.ConnectionString}",
                    $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
                    "--Orleans:ServiceId=crm-backup-schedule", "--Orleans:ClusterId=crm-backup-schedule", $"--Crm:PersonalData:KeyFile={keyFile}",
                    "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
                    "--Crm:Backup:Enabled=true", $"--Crm:Backup:Interval={interval:c}", "--Crm:Backup:CheckEvery=00:00:01",
                    $"--Crm:Backup:Folder={_folder}", "--Crm:Backup:Keep=100",
                ]);
                await silo.StartAsync();
                silos.Add(silo);
            }

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Directory.GetFiles(_folder, "*.zip").Length < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.StopAsync();
                await silo.DisposeAsync();
            }

            File.Delete(keyFile);
        }

        // One file per interval, not one per silo: consecutive backups are an interval apart (less a check's slack).
        var files = Directory.GetFiles(_folder, "*.zip").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 3, $"{files.Count} backups written");
        var stamps = files.Select(f => DateTime.ParseExact(Path.GetFileName(f)[BackupRunner.FilePrefix.Length..^BackupRunner.FileSuffix.Length],
            "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second - pair.First >= interval - TimeSpan.FromSeconds(1),
            $"backups at {pair.First:O} and {pair.Second:O}"));
        await using var stream = File.OpenRead(files[0]);
        var manifest = await TableRestore.VerifyAsync(stream);
        Assert.Contains(manifest.Tables, t => t.Name == "CrmScheduled" && t.Rows == 1);
        Assert.Contains(manifest.Blobs, b => b.Container == CrmBlobContainers.Reports && b.Name == "t/2026-11/report.pdf" && b.Bytes == 14);
    }

    [Fact]
    public async Task RunOnce_MoreThanKeep_DeletesTheOldestOnlyOwnFiles()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1));
        var service = Create(new BackupOptions { Enabled = true, Folder = _folder, Keep = 2 }, clock);
        var unrelated = Path.Combine(_folder, "crm-backup-notes.zip");
        await File.WriteAllTextAsync(unrelated, "not ours");

        var written = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            written.Add(await service.RunOnceAsync(CancellationToken.None));
        }

        Assert.Equal(
            ["crm-backup-20261124T030000Z.zip", "crm-backup-20261125T030000Z.zip", "crm-backup-20261126T030000Z.zip"],
            written.Select(Path.GetFileName));
        Assert.Equal(new[] { unrelated, written[1], written[2] }.Order(StringComparer.Ordinal), Directory.GetFiles(_folder).Order(StringComparer.Ordinal));
    }

    private BackupRunner Create(BackupOptions options, TimeProvider time) =>
        new(_service, new Azure.Storage.Blobs.BlobServiceClient(_azurite!.ConnectionString), Options.Create(options), time, NullLogger<BackupRunner>.Instance);

    /// <summary>Each reading of the clock is one step later, so each run gets its own file name; timers stay real.</summary>
    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private int _reads;

        public override DateTimeOffset GetUtcNow() => start + step * _reads++;
    }
}
