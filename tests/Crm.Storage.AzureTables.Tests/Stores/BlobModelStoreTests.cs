using Azure.Storage.Blobs;
using Crm.Scoring;
using Crm.Scoring.Evaluation;
using Crm.Scoring.Models;
using Crm.Scoring.Sentiment;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>The cluster's model store in a real Azurite blob service: versions claimed once, the activation ETag-checked.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobModelStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Kind = ScoringNames.CommentSentiment;

    private BlobModelStore NewStore() => new(new BlobServiceClient(azurite.ConnectionString), new ManualTimeProvider(Now));

    [Fact]
    public async Task Save_TwoVersions_NumbersThemAndNeverRewritesTheFirst()
    {
        var store = NewStore();
        var tenant = NewTenant();

        var first = await store.SaveAsync(tenant, NewModel(), Bytes(1));
        var second = await store.SaveAsync(tenant, NewModel(), Bytes(2));

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(Bytes(1), await store.ReadModelAsync(first));
        Assert.Equal(Bytes(2), await store.ReadModelAsync(second));
        var listed = await store.ListAsync(tenant, Kind);
        Assert.Equal([1, 2], listed.Select(m => m.Version));
        Assert.Equal(first, listed[0]);
        Assert.Equal(400, listed[0].Data.Rows);
        Assert.Equal(0.9, listed[0].Metrics!.Auc);
        Assert.Equal(Now, listed[0].CreatedAt);
        Assert.Equal("li-wei", listed[0].CreatedBy);
        Assert.Equal(SentimentOptions.Default, listed[0].Options);
        Assert.Empty(await store.ListAsync(NewTenant(), Kind));
    }

    [Fact]
    public async Task Save_RacingTrainers_EachGetsItsOwnVersionWithItsOwnFile()
    {
        var store = NewStore();
        var tenant = NewTenant();

        var saved = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => store.SaveAsync(tenant, NewModel(), Bytes(i))));

        Assert.Equal(Enumerable.Range(1, 8), saved.Select(m => m.Version).Order());
        foreach (var (manifest, i) in saved.Select((m, i) => (m, i + 1)))
        {
            Assert.Equal(Bytes(i), await store.ReadModelAsync(manifest));
        }
    }

    [Fact]
    public async Task Save_AfterAWriterDiedBetweenModelAndManifest_SkipsItsNumberAndHidesIt()
    {
        var store = NewStore();
        var tenant = NewTenant();
        await store.SaveAsync(tenant, NewModel(), Bytes(1));
        // A trainer claimed v2 and died before its manifest: the number stays taken, the orphan stays invisible.
        await Container().GetBlobClient($"{tenant}/{Kind}/v2.zip").UploadAsync(new BinaryData(Bytes(9)));

        var next = await store.SaveAsync(tenant, NewModel(), Bytes(3));

        Assert.Equal(3, next.Version);
        Assert.Equal([1, 3], (await store.ListAsync(tenant, Kind)).Select(m => m.Version));
        Assert.Null(await store.GetAsync(tenant, Kind, 2));
    }

    [Fact]
    public async Task Activate_ThenRollBack_ReturnsToEachEarlierVersionInTurn()
    {
        var store = NewStore();
        var tenant = NewTenant();
        for (var i = 1; i <= 3; i++)
        {
            await store.SaveAsync(tenant, NewModel(), Bytes(i));
        }

        Assert.Equal((ModelActivation.None, (string?)null), await store.GetActivationAsync(tenant, Kind));
        await store.ActivateAsync(tenant, Kind, 1, "li-wei");
        await store.ActivateAsync(tenant, Kind, 3, "li-wei");
        Assert.Equal(3, (await store.GetActivationAsync(tenant, Kind)).Activation.Active);

        Assert.Equal(1, (await store.RollBackAsync(tenant, Kind, "wang-fang"))!.Active);
        var (afterRollBack, _) = await store.GetActivationAsync(tenant, Kind);
        Assert.Equal((1, "wang-fang"), (afterRollBack.Active, afterRollBack.ChangedBy));
        Assert.Null(await store.RollBackAsync(tenant, Kind, "wang-fang"));
        Assert.Equal(1, (await store.GetActivationAsync(tenant, Kind)).Activation.Active);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ActivateAsync(tenant, Kind, 7, "li-wei"));
    }

    [Fact]
    public async Task Activate_ChangesTheETag_AndRacingActivationsLoseNoChange()
    {
        var store = NewStore();
        var tenant = NewTenant();
        for (var i = 1; i <= 6; i++)
        {
            await store.SaveAsync(tenant, NewModel(), Bytes(i));
        }

        await store.ActivateAsync(tenant, Kind, 1, "a");
        var (_, before) = await store.GetActivationAsync(tenant, Kind);
        // Two stores, as two silos would have, activating different versions at once.
        var other = NewStore();
        await Task.WhenAll(Enumerable.Range(2, 5).Select(v => (v % 2 == 0 ? store : other).ActivateAsync(tenant, Kind, v, "a")));

        var (activation, after) = await store.GetActivationAsync(tenant, Kind);
        Assert.NotEqual(before, after);
        // Every activation is recorded: the active one plus the five before it, each once.
        Assert.Equal(Enumerable.Range(1, 6), activation.Previous.Append(activation.Active!.Value).Order());
    }

    [Fact]
    public async Task ReadModel_FileDamagedAfterItWasStored_IsRefused()
    {
        var store = NewStore();
        var tenant = NewTenant();
        var manifest = await store.SaveAsync(tenant, NewModel(), Bytes(1));
        var damaged = Bytes(1);
        damaged[10] ^= 0xFF;
        await Container().GetBlobClient($"{tenant}/{Kind}/v1.zip").UploadAsync(new BinaryData(damaged), overwrite: true);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadModelAsync(manifest));

        Assert.Contains("checksum", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefix_NameOutsideTheProductsOwn_IsRefused()
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync("../other", Kind));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync("t/x", NewModel(), Bytes(1)));
    }

    private BlobContainerClient Container() => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(CrmBlobContainers.Models);

    private static NewModel NewModel() => new(Kind, SentimentOptions.Default, new TrainingData("survey responses", 400, 250, Now.AddDays(-30), Now),
        new BinaryMetrics(0.85, 0.84, 0.9, 80), 1.5, "li-wei");

    private static byte[] Bytes(int seed) => [.. Enumerable.Range(0, 64).Select(i => (byte)(i * seed + seed))];

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];
}
