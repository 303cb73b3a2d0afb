using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>State written before the storage service restarts is there after it, and its ETag still guards writes.</summary>
[Collection(AzuriteRestartCollection.Name)]
public sealed class AzureTableGrainStorageAzuriteRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReadState_AfterAzuriteRestart_ReturnsStateAndETagWrittenBefore()
    {
        await using var harness = await GrainStorageHarness.StartAsync(azurite.ConnectionString);
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("before the restart", 42);
        await harness.Storage.WriteStateAsync("state", grainId, state);

        // RestartAsync interrupts Azurite the way Ctrl+C does, so it saves its tables before exiting.
        await azurite.Server.RestartAsync();

        // The running provider reconnects by itself...
        var read = await harness.ReadAsync(grainId);
        Assert.Equal(state.State, read.State);
        Assert.Equal(state.ETag, read.ETag);

        // ...the pre-restart ETag still guards the next write...
        state.State = new TestState { Text = "after the restart" };
        await harness.Storage.WriteStateAsync("state", grainId, state);

        // ...and a provider started afresh on the same table sees it.
        await using var fresh = await GrainStorageHarness.StartAsync(azurite.ConnectionString, harness.TableName);
        var reread = await fresh.ReadAsync(grainId);
        Assert.Equal("after the restart", reread.State.Text);
        Assert.Equal(state.ETag, reread.ETag);
    }
}
