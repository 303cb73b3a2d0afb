using System.CommandLine;
using System.Collections.Immutable;
using Azure.Data.Tables;
using Crm.Cli;
using Crm.Contracts.Customers;
using Crm.Silo;
using Crm.Storage.AzureTables;
using Crm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Backup;

/// <summary><c>crm backup create|restore</c> against real Azurite and real silos: what the product stored comes back.</summary>
public sealed class BackupCliTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-backup-cli-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CreateThenRestore_CustomersOfAStoppedSilo_ReadBackThroughANewSiloOnRestoredStorage()
    {
        var tenant = "backup-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(_folder, "crm.zip");
        var before = new List<(CustomerView Customer, ImmutableArray<ArchiveEntry> Archive)>();
        byte[] reportPdf;
        await using var source = await AzuriteServer.StartAsync();
        await using (var silo = await StartSiloAsync(source))
        {
            var client = silo.Services.GetRequiredService<IClusterClient>();
            for (var i = 0; i < 5; i++)
            {
                var grain = client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, $"c{i}"));
                await grain.CreateAsync(Profile($"客户 {i} Müller"), "agent-1");
                await grain.AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, $"note {i}", Detail: "详细 detail"), "agent-2");
                before.Add(((await grain.GetAsync())!, (await grain.GetArchiveAsync(50, null)).Entries));
            }

            // A finished report: its run row is a table row, its documents are blobs in crm-reports.
            await client.GetGrain<Crm.Contracts.Reports.IReportScheduleGrain>(tenant).MakeNowAsync("2026-11", "manager");
            reportPdf = (await client.GetGrain<Crm.Contracts.Reports.IReportInboxGrain>(tenant).GetDocumentAsync("2026-11", "report.pdf"))!.Content;
            await silo.StopAsync();
        }

        var (createExit, createOutput) = await InvokeAsync("backup", "create", "--out", file, "--connection-string", source.ConnectionString);
        Assert.True(createExit == 0, createOutput);
        Assert.Contains("Backed up", createOutput);

        await using var target = await AzuriteServer.StartAsync();
        var (restoreExit, restoreOutput) = await InvokeAsync("backup", "restore", "--in", file, "--connection-string", target.ConnectionString);
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("Restored", restoreOutput);
        Assert.Contains(CrmTables.GrainState, await TableNamesAsync(target));

        await using (var silo = await StartSiloAsync(target))
        {
            var client = silo.Services.GetRequiredService<IClusterClient>();
            foreach (var (customer, archive) in before)
            {
                var grain = client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customer.CustomerId));
                var restored = await grain.GetAsync();
                Assert.NotNull(restored);
                Assert.Equal(customer.Version, restored.Version);
                Assert.Equal(customer.CreatedAt, restored.CreatedAt);
                Assert.Equal(customer.UpdatedAt, restored.UpdatedAt);
                Assert.Equal(customer.ArchiveCount, restored.ArchiveCount);
                Assert.Equal(customer.LastInteractionAt, restored.LastInteractionAt);
                Assert.Equal(customer.Profile.DisplayName, restored.Profile.DisplayName);
                Assert.Equal(customer.Profile.Channels.ToArray(), restored.Profile.Channels.ToArray());
                Assert.Equal(archive.ToArray(), (await grain.GetArchiveAsync(50, null)).Entries.ToArray());
            }

            var page = await client.GetGrain<ICustomerDirectoryGrain>(tenant).ListAsync(100, null);
            Assert.Equal(before.Select(b => b.Customer.CustomerId).Order(), page.Items.Select(i => i.CustomerId).Order());

            // The report's documents came back byte for byte, served by the inbox of the restored product.
            var inbox = client.GetGrain<Crm.Contracts.Reports.IReportInboxGrain>(tenant);
            Assert.Equal("2026-11", Assert.Single(await inbox.ListAsync()).Period);
            Assert.Equal(reportPdf, (await inbox.GetDocumentAsync("2026-11", "report.pdf"))?.Content);
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task Restore_MissingFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(_folder, "no-such-backup.zip");

        var (exit, output) = await InvokeAsync("backup", "restore", "--in", missing, "--connection-string", "UseDevelopmentStorage=true");

        Assert.NotEqual(0, exit);
        Assert.Contains($"--in: backup file {missing} does not exist.", output);
    }

    [Fact]
    public async Task Restore_NotABackup_FailsNamingTheProblemAndWritesNothing()
    {
        await using var target = await AzuriteServer.StartAsync();
        var file = Path.Combine(_folder, "notes.zip");
        await File.WriteAllTextAsync(file, "these are not the rows you are looking for");

        var (exit, output) = await InvokeAsync("backup", "restore", "--in", file, "--connection-string", target.ConnectionString);

        Assert.NotEqual(0, exit);
        Assert.Contains("not a complete backup archive", output);
        Assert.Empty(await TableNamesAsync(target));
    }

    [Fact]
    public async Task Create_FileExists_RefusesUnlessForced()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        await service.CreateTableIfNotExistsAsync("CrmBackupCli");
        await service.GetTableClient("CrmBackupCli").AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var file = Path.Combine(_folder, "existing.zip");
        await File.WriteAllTextAsync(file, "keep me");

        var (exit, output) = await InvokeAsync("backup", "create", "--out", file, "--connection-string", azurite.ConnectionString);

        Assert.NotEqual(0, exit);
        Assert.Contains("already exists; pass --force to overwrite it", output);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));

        var (forcedExit, forcedOutput) = await InvokeAsync("backup", "create", "--out", file, "--force", "--connection-string", azurite.ConnectionString);

        Assert.True(forcedExit == 0, forcedOutput);
        Assert.Contains("Backed up 1 rows from 1 tables", forcedOutput);
        Assert.Equal([file], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Create_StorageUnreachable_FailsAndLeavesNoFile()
    {
        var port = AzuriteServer.FreeTcpPort();
        var file = Path.Combine(_folder, "unreachable.zip");
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

        var (exit, output) = await InvokeAsync("backup", "create", "--out", file, "--connection-string", connection);

        Assert.NotEqual(0, exit);
        Assert.Contains("error:", output);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    internal static async Task<(int Exit, string Output)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    internal static async Task<List<string>> TableNamesAsync(AzuriteServer azurite)
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync())
        {
            names.Add(table.Name);
        }

        return names;
    }

    private static async Task<WebApplication> StartSiloAsync(AzuriteServer azurite)
    {
        var silo = SiloHost.Build(
        [
            $"--ConnectionStrings:Tables={azurite.ConnectionString}",
            $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
            "--Orleans:ServiceId=crm-backup", "--Orleans:ClusterId=crm-backup",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ]);
        await silo.StartAsync();
        return silo;
    }

    private static CustomerProfile Profile(string name) => new(
        name,
        [new ContactChannel(ContactChannelKind.Email, $"{Guid.NewGuid():N}@example.com", Preferred: true)],
        ["vip"],
        CustomerTier.Gold);
}
