using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.Cluster;

/// <summary>The provider as silos use it: registered as default storage, state outliving every silo.</summary>
[Collection(AzuriteClusterCollection.Name)]
public sealed class AzureTableGrainStorageClusterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GrainState_AllSilosStopped_ReadBackByNextCluster()
    {
        var serviceId = TestClusters.FreshServiceId();
        var table = GrainStorageHarness.FreshTableName();
        var key = "acme/note-" + Guid.NewGuid().ToString("N");

        await using (var first = TestClusters.Build(serviceId, 2, Storage(table)))
        {
            await first.DeployAsync();
            var grain = first.Client.GetGrain<INoteGrain>(key);
            await grain.SaveAsync("one");
            await grain.SaveAsync("two");
            await first.StopAllSilosAsync();

            // Proof that the state went to the table, not to some in-memory default storage.
            var row = await new TableServiceClient(azurite.ConnectionString).GetTableClient(table).GetEntityIfExistsAsync<TableEntity>(
                GrainStateKeys.PartitionKey(serviceId, grain.GetGrainId()), GrainStateKeys.RowKey("state", grain.GetGrainId()));
            Assert.True(row.HasValue);
        }

        await using var second = TestClusters.Build(serviceId, 1, Storage(table));
        await second.DeployAsync();
        var reactivated = second.Client.GetGrain<INoteGrain>(key);

        Assert.Equal(new NoteState { Text = "two", Saves = 2 }, await reactivated.GetAsync());

        // The ETag read on activation lets the new activation write on.
        await reactivated.SaveAsync("three");
        Assert.Equal(3, (await reactivated.GetAsync()).Saves);
    }

    [Fact]
    public async Task GrainWrite_StateOverEntityLimit_CallerGetsTooLargeExceptionAndStoredStateStays()
    {
        await using var cluster = TestClusters.Build(TestClusters.FreshServiceId(), 1, Storage(GrainStorageHarness.FreshTableName()));
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<INoteGrain>("acme/" + Guid.NewGuid().ToString("N"));
        await grain.SaveAsync("fits");

        var ex = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => grain.SaveAsync(new string('x', 1_200_000)));

        Assert.Equal(grain.GetGrainId().ToString(), ex.GrainId);
        Assert.Equal("state", ex.StateName);
        Assert.Equal(GrainStateEntity.MaxEntityBytes, ex.Limit);
        await cluster.DeactivateAsync(grain);
        Assert.Equal(new NoteState { Text = "fits", Saves = 1 }, await grain.GetAsync());
    }

    [Fact]
    public async Task SiloStart_InvalidTableName_FailsNamingTheTable()
    {
        await using var cluster = TestClusters.Build(TestClusters.FreshServiceId(), 1, Storage("bad-table-name"));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

        Assert.Contains(Flatten(ex), e => e is OrleansConfigurationException && e.Message.Contains("bad-table-name"));
    }

    [Fact]
    public async Task SiloStart_NoTableClient_FailsSayingHowToProvideOne()
    {
        await using var cluster = TestClusters.Build(TestClusters.FreshServiceId(), 1, _ => { });

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

        Assert.Contains(Flatten(ex), e => e is OrleansConfigurationException && e.Message.Contains("TableServiceClient"));
    }

    private Action<AzureTableGrainStorageOptions> Storage(string table) => options =>
    {
        options.ConnectionString = azurite.ConnectionString;
        options.TableName = table;
    };

    private static IEnumerable<Exception> Flatten(Exception ex) => ex switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten).Prepend(ex),
        { InnerException: { } inner } => Flatten(inner).Prepend(ex),
        _ => [ex],
    };
}
