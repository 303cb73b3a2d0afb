using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>States near Azure's limits: several 64 KiB chunks round-trip; over 1 MiB fails cleanly and writes nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStateSizeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private GrainStorageHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await GrainStorageHarness.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task WriteState_OverSixtyFourKiB_RoundTripsAcrossChunks()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State(RandomText(300_000));

        await _harness.Storage.WriteStateAsync("state", grainId, state);
        var read = await _harness.ReadAsync(grainId);

        Assert.Equal(state.State, read.State);
        Assert.Equal(state.ETag, read.ETag);
        var row = (await _harness.Table.GetEntityAsync<TableEntity>(
            GrainStateKeys.PartitionKey("crm-tests", grainId), GrainStateKeys.RowKey("state", grainId))).Value;
        var chunks = row.GetInt32(GrainStateEntity.ChunksProperty);
        Assert.Equal(5, chunks);
        Assert.All(Enumerable.Range(0, 5), i => Assert.NotNull(row.GetBinary(GrainStateEntity.DataPropertyPrefix + i)));
    }

    [Fact]
    public async Task WriteState_LargeStateReplacedBySmall_DropsOldChunks()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State(RandomText(200_000));
        await _harness.Storage.WriteStateAsync("state", grainId, state);

        state.State = new TestState { Text = "small now" };
        await _harness.Storage.WriteStateAsync("state", grainId, state);

        Assert.Equal("small now", (await _harness.ReadAsync(grainId)).State.Text);
        var row = (await _harness.Table.GetEntityAsync<TableEntity>(
            GrainStateKeys.PartitionKey("crm-tests", grainId), GrainStateKeys.RowKey("state", grainId))).Value;
        Assert.False(row.ContainsKey(GrainStateEntity.DataPropertyPrefix + "1"));
    }

    [Fact]
    public async Task WriteState_OverEntityLimit_ThrowsNamingGrainAndKeepsPriorState()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("small and fine");
        await _harness.Storage.WriteStateAsync("state", grainId, state);
        var priorETag = state.ETag;

        state.State = new TestState { Text = RandomText(1_100_000) };
        var ex = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => _harness.Storage.WriteStateAsync("state", grainId, state));

        Assert.Contains(grainId.ToString(), ex.Message);
        Assert.Contains("'state'", ex.Message);
        Assert.Contains(GrainStateEntity.MaxEntityBytes.ToString("N0"), ex.Message);
        Assert.Contains(ex.Size.ToString("N0"), ex.Message);
        Assert.True(ex.Size > 1_100_000);
        Assert.Equal(grainId.ToString(), ex.GrainId);
        Assert.Equal(priorETag, state.ETag);
        var read = await _harness.ReadAsync(grainId);
        Assert.Equal("small and fine", read.State.Text);
        Assert.Equal(priorETag, read.ETag);
    }

    [Fact]
    public async Task WriteState_NewGrainOverEntityLimit_CreatesNoRecord()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State(RandomText(2_000_000));

        await Assert.ThrowsAsync<GrainStateTooLargeException>(() => _harness.Storage.WriteStateAsync("state", grainId, state));

        Assert.False((await _harness.ReadAsync(grainId)).RecordExists);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task WriteState_JustUnderEntityLimit_RoundTrips()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State(RandomText(1_040_000));

        await _harness.Storage.WriteStateAsync("state", grainId, state);

        Assert.Equal(state.State, (await _harness.ReadAsync(grainId)).State);
    }

    private static string RandomText(int length) =>
        string.Create(length, Random.Shared, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + random.Next(26));
            }
        });
}
