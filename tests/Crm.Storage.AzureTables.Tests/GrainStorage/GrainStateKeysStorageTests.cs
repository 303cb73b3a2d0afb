using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>Grain keys that Orleans' own provider would fold into one row each get their own row in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStateKeysStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private GrainStorageHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await GrainStorageHarness.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task WriteState_KeysDifferingOnlyInForbiddenCharacters_EachRoundTripsWithoutCollision()
    {
        var tenant = Guid.NewGuid().ToString("N");
        var grains = GrainStateKeysTests.LookAlikeKeys
            .SelectMany(key => new[] { key, $"{tenant}/{key}" })
            .Select((key, i) => (Key: key, Id: TestGrains.StringKey(key), State: TestGrains.State(key, i)))
            .ToList();

        foreach (var grain in grains)
        {
            await _harness.Storage.WriteStateAsync("state", grain.Id, grain.State);
        }

        foreach (var grain in grains)
        {
            var read = await _harness.ReadAsync(grain.Id);
            Assert.True(read.RecordExists, $"no record for {grain.Key}");
            Assert.Equal(grain.State.State, read.State);
            Assert.Equal(grain.State.ETag, read.ETag);
        }

        var rows = await _harness.Table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]).CountAsync();
        Assert.Equal(grains.Count, rows);
    }
}
