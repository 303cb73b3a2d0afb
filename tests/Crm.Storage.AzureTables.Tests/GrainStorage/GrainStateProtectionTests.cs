using System.Text;
using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Tests.Protection;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>With a payload protector, states round-trip (across chunks too), rows hold no plaintext, and plain rows still read.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStateProtectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Marker = "PLAINTEXT-MARKER-李伟-13800138000";
    private GrainStorageHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await GrainStorageHarness.StartAsync(azurite.ConnectionString, configure: o => o.PayloadProtector = TestKeyRings.Protector());

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task WriteState_Protected_RoundTripsAndRowHoldsNoPlaintext()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State(Marker, 42);

        await _harness.Storage.WriteStateAsync("state", grainId, state);
        var read = await _harness.ReadAsync(grainId);

        Assert.Equal(state.State, read.State);
        Assert.Equal(state.ETag, read.ETag);
        var row = await RowAsync(grainId);
        Assert.True(row.GetBoolean(GrainStateEntity.ProtectedProperty));
        Assert.DoesNotContain("PLAINTEXT-MARKER", Encoding.UTF8.GetString(row.GetBinary(GrainStateEntity.DataPropertyPrefix + "0")!));
    }

    [Fact]
    public async Task WriteState_ProtectedOverSixtyFourKiB_RoundTripsAcrossChunks()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State(Marker + new string('x', 300_000));

        await _harness.Storage.WriteStateAsync("state", grainId, state);

        Assert.Equal(state.State, (await _harness.ReadAsync(grainId)).State);
        var row = await RowAsync(grainId);
        Assert.Equal(5, row.GetInt32(GrainStateEntity.ChunksProperty));
        for (var i = 0; i < 5; i++)
        {
            var chunk = Encoding.UTF8.GetString(row.GetBinary(GrainStateEntity.DataPropertyPrefix + i)!);
            Assert.DoesNotContain("PLAINTEXT-MARKER", chunk);
            Assert.DoesNotContain("xxxxxxxx", chunk);
        }
    }

    [Fact]
    public async Task ReadState_RowWrittenBeforeProtection_ReadsAndIsEncryptedOnNextWrite()
    {
        var grainId = TestGrains.FreshStringKey();
        await using (var plain = await GrainStorageHarness.StartAsync(azurite.ConnectionString, _harness.TableName))
        {
            await plain.Storage.WriteStateAsync("state", grainId, TestGrains.State(Marker, 7));
        }

        var read = TestGrains.Empty();
        await _harness.Storage.ReadStateAsync("state", grainId, read);
        Assert.Equal(Marker, read.State!.Text);
        Assert.False((await RowAsync(grainId)).ContainsKey(GrainStateEntity.ProtectedProperty));

        await _harness.Storage.WriteStateAsync("state", grainId, read);

        Assert.True((await RowAsync(grainId)).GetBoolean(GrainStateEntity.ProtectedProperty));
        Assert.Equal(Marker, (await _harness.ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task ReadState_ProtectedRowWithoutProtector_ThrowsNamingTheOption()
    {
        var grainId = TestGrains.FreshStringKey();
        await _harness.Storage.WriteStateAsync("state", grainId, TestGrains.State(Marker));
        await using var plain = await GrainStorageHarness.StartAsync(azurite.ConnectionString, _harness.TableName);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => plain.Storage.ReadStateAsync("state", grainId, TestGrains.Empty()));

        Assert.Contains(nameof(AzureTableGrainStorageOptions.PayloadProtector), ex.Message);
    }

    private async Task<TableEntity> RowAsync(Orleans.Runtime.GrainId grainId) =>
        (await _harness.Table.GetEntityAsync<TableEntity>(
            GrainStateKeys.PartitionKey("crm-tests", grainId), GrainStateKeys.RowKey("state", grainId))).Value;
}
