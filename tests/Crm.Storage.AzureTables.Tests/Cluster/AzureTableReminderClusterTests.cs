using Azure.Data.Tables;
using Crm.Storage.AzureTables.Hosting;
using Crm.Storage.AzureTables.Reminders;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Crm.Storage.AzureTables.Tests.Cluster;

/// <summary>The reminder table as silos use it: a reminder outlives every silo and fires again on the next cluster.</summary>
[Collection(AzuriteClusterCollection.Name)]
public sealed class AzureTableReminderClusterTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Reminder_AllSilosRestarted_FiresAgainWithoutAnyCall()
    {
        var serviceId = TestClusters.FreshServiceId();
        var table = GrainStorageHarness.FreshTableName();
        var key = "acme/case-" + Guid.NewGuid().ToString("N");

        await using (var first = Build(serviceId, 1, table))
        {
            await first.DeployAsync();
            var started = DateTimeOffset.UtcNow;
            await first.Client.GetGrain<ITickGrain>(key).StartTickingAsync(TimeSpan.FromSeconds(1), Period);

            Assert.True(await ReminderTicks.WaitForAsync(key, 2, started, Patience), "the reminder did not fire twice on the first cluster");
            await first.StopAllSilosAsync();
        }

        // Proof that the reminder is in our table, not in some in-memory reminder service.
        var rows = await new TableServiceClient(azurite.ConnectionString).GetTableClient(table)
            .QueryAsync<TableEntity>().ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal((key, TickGrain.ReminderName), (row.GetString(ReminderRow.GrainKey), row.GetString(ReminderRow.ReminderName)));

        // Two silos this time, so each owns part of the hash ring and reads only its range.
        var restarted = DateTimeOffset.UtcNow;
        await using var second = Build(serviceId, 2, table);
        await second.DeployAsync();

        Assert.True(await ReminderTicks.WaitForAsync(key, 2, restarted, Patience), "the reminder did not fire after the restart");

        // Unregistering goes through RemoveRow with the row's ETag.
        await second.Client.GetGrain<ITickGrain>(key).StopTickingAsync();
        var stopped = DateTimeOffset.UtcNow;
        Assert.Empty(await new TableServiceClient(azurite.ConnectionString).GetTableClient(table).QueryAsync<TableEntity>().ToListAsync());
        await Task.Delay(Period * 2);
        Assert.DoesNotContain(ReminderTicks.Of(key), t => t > stopped.AddMilliseconds(500));
    }

    [Fact]
    public async Task SiloStart_ReminderTableNameWithoutCrmPrefix_FailsNamingTheSetting()
    {
        await using var cluster = Build(TestClusters.FreshServiceId(), 1, "RemindersElsewhere");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

        Assert.Contains(Flatten(ex), e => e is OrleansConfigurationException && e.Message.Contains("Crm:Reminders:TableName"));
    }

    private InProcessTestCluster Build(string serviceId, short silos, string table)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseAzureTableReminderService(options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.TableName = table;
            });

            // Orleans refuses periods under a minute by default; the test would take minutes.
            silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        return builder.Build();
    }

    private static IEnumerable<Exception> Flatten(Exception ex) => ex switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten).Prepend(ex),
        { InnerException: { } inner } => Flatten(inner).Prepend(ex),
        _ => [ex],
    };
}
