using Azure.Data.Tables;
using Crm.Silo.Backup;
using Crm.Storage.AzureTables.Backup;
using Crm.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Crm.EndToEnd.Tests.Backup;

/// <summary>The silo's scheduled backup writes valid, time-named files and keeps only the newest.</summary>
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
    public async Task Service_Enabled_WritesAValidBackupEachInterval()
    {
        var service = Create(new BackupOptions { Enabled = true, Interval = TimeSpan.FromMilliseconds(200), Folder = _folder, Keep = 3 }, TimeProvider.System);

        await service.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(_folder, "*.zip").Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await service.StopAsync(CancellationToken.None);

        var file = Directory.GetFiles(_folder, "*.zip").Order().First();
        Assert.Matches(@"crm-backup-\d{8}T\d{6}Z\.zip$", file);
        await using var stream = File.OpenRead(file);
        var manifest = await TableRestore.VerifyAsync(stream);
        Assert.Equal(1, Assert.Single(manifest.Tables).Rows);
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

    private ScheduledBackupService Create(BackupOptions options, TimeProvider time) =>
        new(_service, Options.Create(options), time, NullLogger<ScheduledBackupService>.Instance);

    /// <summary>Each reading of the clock is one step later, so each run gets its own file name; timers stay real.</summary>
    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private int _reads;

        public override DateTimeOffset GetUtcNow() => start + step * _reads++;
    }
}
