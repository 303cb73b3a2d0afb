using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;
using Orleans.Runtime;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>
/// What Orleans' GrainStorageTestRunner asserts of a storage provider, against a real Azurite: round trips,
/// ETag optimistic concurrency, clear semantics, independent state names and parallel use. Not sealed: the conformance
/// comparison (tests/Crm.Storage.OrleansProviders.Tests) runs the same cases against Orleans' own provider.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class AzureTableGrainStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private GrainStorageHarness _harness = null!;

    private IGrainStorage Storage => _harness.Storage;

    public async Task InitializeAsync() => _harness = await StartHarnessAsync(azurite.ConnectionString, null, "crm-tests");

    /// <summary>The provider under test, on the given table (a fresh one when null) and service id: ours.</summary>
    protected virtual Task<GrainStorageHarness> StartHarnessAsync(string connectionString, string? tableName, string serviceId) =>
        GrainStorageHarness.StartAsync(connectionString, tableName, serviceId);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string> OddStringKeys => new()
    {
        "tenant/клиент-Кириллица",
        "арендатор/ключ",
        "tenant/with space and 'quotes' \"double\"",
        "tenant/emoji-🚀-and-日本語",
        "tenant/percent%20and%25",
        "tenant/pipe|inside|key",
        "tenant/a/b/c",
        "no-slash-at-all",
        "/leading-slash",
        "tenant/" + new string('x', 300),
    };

    [Theory]
    [MemberData(nameof(OddStringKeys))]
    public async Task WriteState_StringKey_ReadsBackSameStateAndETag(string key)
    {
        var grainId = TestGrains.StringKey(key + "/" + Guid.NewGuid().ToString("N"));
        await AssertWriteReadAsync(grainId);
    }

    [Fact]
    public async Task WriteState_IntegerKey_ReadsBackSameStateAndETag() =>
        await AssertWriteReadAsync(TestGrains.IntegerKey(Random.Shared.NextInt64()));

    [Fact]
    public async Task WriteState_NegativeIntegerKey_ReadsBackSameStateAndETag() =>
        await AssertWriteReadAsync(TestGrains.IntegerKey(-Random.Shared.NextInt64()));

    [Fact]
    public async Task WriteState_GuidKey_ReadsBackSameStateAndETag() =>
        await AssertWriteReadAsync(TestGrains.GuidKey(Guid.NewGuid()));

    [Fact]
    public async Task WriteState_GuidAndStringKey_ReadsBackSameStateAndETag() =>
        await AssertWriteReadAsync(TestGrains.GuidKey(Guid.NewGuid(), "расширение/ext#1"));

    [Fact]
    public async Task WriteState_IntegerAndStringKey_ReadsBackSameStateAndETag() =>
        await AssertWriteReadAsync(TestGrains.IntegerKey(Random.Shared.NextInt64(), "ext/?\\#"));

    [Fact]
    public async Task WriteState_CompoundKeysSharingGuid_AreSeparateRecords()
    {
        var guid = Guid.NewGuid();
        var first = TestGrains.GuidKey(guid, "first");
        var second = TestGrains.GuidKey(guid, "second");
        var plain = TestGrains.GuidKey(guid);

        await Storage.WriteStateAsync("state", first, TestGrains.State("first"));
        await Storage.WriteStateAsync("state", second, TestGrains.State("second"));

        Assert.Equal("first", (await _harness.ReadAsync(first)).State.Text);
        Assert.Equal("second", (await _harness.ReadAsync(second)).State.Text);
        Assert.False((await _harness.ReadAsync(plain)).RecordExists);
    }

    [Fact]
    public async Task ReadState_NoRecord_DefaultStateNoETagNoRecord()
    {
        var state = TestGrains.State("left over from before", etag: "W/\"stale\"");

        await Storage.ReadStateAsync("state", TestGrains.FreshStringKey(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(new TestState(), state.State);
    }

    [Fact]
    public async Task WriteState_StaleETag_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var grainId = TestGrains.FreshStringKey();
        var first = TestGrains.State("v1");
        await Storage.WriteStateAsync("state", grainId, first);
        var staleETag = first.ETag;
        first.State = new TestState { Text = "v2" };
        await Storage.WriteStateAsync("state", grainId, first);
        var latest = await _harness.ReadAsync(grainId);

        var stale = TestGrains.State("v3 from a stale activation", etag: staleETag);
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, stale));

        Assert.Equal(staleETag, ex.CurrentEtag);
        Assert.Equal(latest.ETag, ex.StoredEtag);
        Assert.Contains(grainId.ToString(), ex.Message);
        var stored = await _harness.ReadAsync(grainId);
        Assert.Equal("v2", stored.State.Text);
        Assert.Equal(latest.ETag, stored.ETag);
    }

    [Fact]
    public async Task WriteState_NullETagOverExistingRecord_ThrowsInconsistentState()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("original");
        await Storage.WriteStateAsync("state", grainId, state);

        // A second activation that never read the record believes it does not exist.
        var duplicate = TestGrains.State("duplicate");
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, duplicate));

        Assert.Equal(state.ETag, ex.StoredEtag);
        Assert.Equal("original", (await _harness.ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task WriteState_ETagOfMissingRecord_ThrowsInconsistentState()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("never stored", etag: "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"");

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, state));

        Assert.False((await _harness.ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task WriteState_SameValuesTwice_ETagChangesEachTime()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("unchanged");
        var etags = new List<string?> { state.ETag };

        for (var i = 0; i < 5; i++)
        {
            await Storage.WriteStateAsync("state", grainId, state);
            etags.Add(state.ETag);
        }

        Assert.Equal(etags.Count, etags.Distinct().Count());
        Assert.Equal(state.ETag, (await _harness.ReadAsync(grainId)).ETag);
    }

    [Fact]
    public async Task ClearState_AfterWrite_ResetsStateAndReadFindsNoRecord()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("to be cleared", 7);
        await Storage.WriteStateAsync("state", grainId, state);
        var writtenETag = state.ETag;

        await Storage.ClearStateAsync("state", grainId, state);

        Assert.NotEqual(writtenETag, state.ETag);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(new TestState(), state.State);
        var read = await _harness.ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(new TestState(), read.State);
    }

    [Fact]
    public async Task WriteState_AfterClear_InsertsAgain()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("first life");
        await Storage.WriteStateAsync("state", grainId, state);
        await Storage.ClearStateAsync("state", grainId, state);

        state.State = new TestState { Text = "second life" };
        await Storage.WriteStateAsync("state", grainId, state);

        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);
        var read = await _harness.ReadAsync(grainId);
        Assert.Equal("second life", read.State.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task ClearState_Twice_SecondIsNoOp()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("cleared twice");
        await Storage.WriteStateAsync("state", grainId, state);

        await Storage.ClearStateAsync("state", grainId, state);
        await Storage.ClearStateAsync("state", grainId, state);

        Assert.False(state.RecordExists);
        Assert.False((await _harness.ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task ClearState_NeverWritten_IsNoOp()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.Empty();

        await Storage.ClearStateAsync("state", grainId, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ClearState_StaleETag_ThrowsInconsistentStateAndKeepsLatestState()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("v1");
        await Storage.WriteStateAsync("state", grainId, state);
        var staleETag = state.ETag;
        state.State = new TestState { Text = "v2" };
        await Storage.WriteStateAsync("state", grainId, state);

        var stale = TestGrains.State("v1", etag: staleETag);
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", grainId, stale));

        Assert.Equal(state.ETag, ex.StoredEtag);
        var read = await _harness.ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("v2", read.State.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task ClearState_NullETagWhileRecordExists_ThrowsInconsistentStateAndKeepsRecord()
    {
        var grainId = TestGrains.FreshStringKey();
        var state = TestGrains.State("written elsewhere");
        await Storage.WriteStateAsync("state", grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", grainId, TestGrains.Empty()));

        Assert.Equal("written elsewhere", (await _harness.ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task ClearState_RecordAlreadyDeletedByOther_ThrowsInconsistentState()
    {
        var grainId = TestGrains.FreshStringKey();
        var mine = TestGrains.State("shared");
        await Storage.WriteStateAsync("state", grainId, mine);
        var theirs = TestGrains.State("shared", etag: mine.ETag);
        await Storage.ClearStateAsync("state", grainId, theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", grainId, mine));
    }

    [Fact]
    public async Task WriteState_DifferentStateNames_AreIndependentRecords()
    {
        var grainId = TestGrains.FreshStringKey();
        var profile = TestGrains.State("profile");
        var settings = TestGrains.State("settings");

        await Storage.WriteStateAsync("profile", grainId, profile);
        await Storage.WriteStateAsync("settings", grainId, settings);
        await Storage.ClearStateAsync("settings", grainId, settings);

        var readProfile = await _harness.ReadAsync(grainId, "profile");
        Assert.True(readProfile.RecordExists);
        Assert.Equal("profile", readProfile.State.Text);
        Assert.Equal(profile.ETag, readProfile.ETag);
        Assert.False((await _harness.ReadAsync(grainId, "settings")).RecordExists);
        Assert.False((await _harness.ReadAsync(grainId, "other")).RecordExists);
    }

    [Fact]
    public async Task WriteState_StateNamesWithSeparatorsAndForbiddenCharacters_AreIndependentRecords()
    {
        var grainId = TestGrains.FreshStringKey();
        string[] names = ["a|b", "a", "a/b", "a%7Cb", "a#b", "a?b"];

        foreach (var name in names)
        {
            await Storage.WriteStateAsync(name, grainId, TestGrains.State(name));
        }

        foreach (var name in names)
        {
            Assert.Equal(name, (await _harness.ReadAsync(grainId, name)).State.Text);
        }
    }

    [Fact]
    public async Task ReadState_SameGrainUnderOtherServiceId_FindsNothing()
    {
        var grainId = TestGrains.FreshStringKey();
        await Storage.WriteStateAsync("state", grainId, TestGrains.State("service one"));

        await using var otherService = await StartHarnessAsync(azurite.ConnectionString, _harness.TableName, "another-service");

        Assert.False((await otherService.ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task WriteState_HundredGrainsInParallel_EachReadsBackItsOwnStateAndNewETags()
    {
        var grains = Enumerable.Range(0, 100)
            .Select(i => (Id: TestGrains.FreshStringKey($"parallel-{i % 5}"), State: TestGrains.State($"grain {i}", i)))
            .ToList();

        await Task.WhenAll(grains.Select(async grain =>
        {
            for (var round = 0; round < 10; round++)
            {
                var before = grain.State.ETag;
                grain.State.State = grain.State.State! with { Number = round };
                await Storage.WriteStateAsync("state", grain.Id, grain.State);
                Assert.NotEqual(before, grain.State.ETag);

                var read = await _harness.ReadAsync(grain.Id);
                Assert.Equal(grain.State.ETag, read.ETag);
                Assert.Equal(grain.State.State, read.State);
            }
        }));
    }

    private async Task AssertWriteReadAsync(GrainId grainId)
    {
        var state = TestGrains.State($"state of {grainId}", Random.Shared.NextInt64());

        await Storage.WriteStateAsync("state", grainId, state);
        var read = await _harness.ReadAsync(grainId);

        Assert.NotNull(state.ETag);
        Assert.True(state.RecordExists);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(state.State, read.State);
    }
}
