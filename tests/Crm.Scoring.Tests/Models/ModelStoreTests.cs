using System.Security.Cryptography;
using Crm.Scoring.Evaluation;
using Crm.Scoring.Models;
using Crm.Scoring.Sentiment;
using Crm.Scoring.Tests.Fixtures;

namespace Crm.Scoring.Tests.Models;

/// <summary>The model store on a real temporary folder.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("crm-models-").FullName;
    private readonly ModelStore store;

    public ModelStoreTests() => store = new ModelStore(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static NewModel Draft(int rows = 36) => new(ScoringNames.CommentSentiment, SentimentOptions.Default,
        new TrainingData("tenant responses", rows, rows / 2, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)),
        new BinaryMetrics(0.9, 0.89, 0.95, 100), 1.5, "admin-1");

    private ModelManifest SaveBytes(string tenant, byte[] bytes, int rows = 36) => store.Save(tenant, Draft(rows), s => s.Write(bytes));

    [Fact]
    public void Save_Twice_NumbersVersionsAndKeepsBoth()
    {
        var first = SaveBytes("acme", [1, 2, 3]);
        var second = SaveBytes("acme", [4, 5]);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal([first, second], store.List("acme", ScoringNames.CommentSentiment));
        Assert.Equal([1, 2, 3], ReadAll(store.OpenModel(first)));
        Assert.Equal([4, 5], ReadAll(store.OpenModel(second)));
    }

    [Fact]
    public void Save_ManifestHoldsMetricsFeaturizationDataRangeAndChecksum()
    {
        var saved = SaveBytes("acme", [9, 9], rows: 640);

        var read = store.Get("acme", ScoringNames.CommentSentiment, saved.Version)!;

        Assert.Equal(saved, read);
        Assert.Equal(SentimentOptions.Default, read.Options);
        Assert.Equal(640, read.Data.Rows);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), read.Data.To);
        Assert.Equal(0.95, read.Metrics!.Auc);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 9, 9 })), read.Sha256);
        Assert.Equal("comment-sentiment/v1", read.Label);
        var json = File.ReadAllText(Path.Combine(root, "acme", ScoringNames.CommentSentiment, "v1.json"));
        Assert.Contains("\"features\": \"WordsAndChars\"", json);
    }

    [Fact]
    public void Save_NumberAlreadyClaimed_TakesTheNextAndLeavesTheOldFilesAlone()
    {
        var first = SaveBytes("acme", [1]);
        var folder = Path.Combine(root, "acme", ScoringNames.CommentSentiment);
        File.WriteAllText(Path.Combine(folder, "v2.json"), "{ half-written"); // a writer died after claiming v2
        var before = File.ReadAllBytes(Path.Combine(folder, "v1.zip"));

        var third = SaveBytes("acme", [3]);

        Assert.Equal(3, third.Version);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "v1.zip")));
        Assert.Equal([first.Version, third.Version], store.List("acme", ScoringNames.CommentSentiment).Select(m => m.Version));
        Assert.Empty(Directory.EnumerateFiles(folder, ".staging-*"));
    }

    [Fact]
    public async Task Save_ConcurrentWriters_EachGetsItsOwnVersion()
    {
        // Writers released together by a barrier, so several compute the same next number and race to claim it.
        const int writers = 24;
        using var barrier = new Barrier(writers);
        var saved = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Factory.StartNew(
            () => store.Save("acme", Draft(), s =>
            {
                s.Write([(byte)i]);
                barrier.SignalAndWait();
            }),
            TaskCreationOptions.LongRunning)));

        Assert.Equal(Enumerable.Range(1, writers), saved.Select(m => m.Version).Order());
        foreach (var manifest in saved)
        {
            Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(ReadAll(store.OpenModel(manifest)))));
        }
    }

    [Fact]
    public void ActivateThenRollBack_MovesBetweenStoredVersions()
    {
        SaveBytes("acme", [1]);
        SaveBytes("acme", [2]);
        Assert.Null(store.GetActivation("acme", ScoringNames.CommentSentiment).Active);

        store.Activate("acme", ScoringNames.CommentSentiment, 1, "admin-1");
        store.Activate("acme", ScoringNames.CommentSentiment, 2, "admin-1");
        Assert.Equal(2, store.GetActivation("acme", ScoringNames.CommentSentiment).Active);

        var rolledBack = store.RollBack("acme", ScoringNames.CommentSentiment, "admin-2");

        Assert.Equal(1, rolledBack!.Active);
        Assert.Equal(1, store.GetActivation("acme", ScoringNames.CommentSentiment).Active);
        Assert.Equal("admin-2", store.GetActivation("acme", ScoringNames.CommentSentiment).ChangedBy);
        Assert.Null(store.RollBack("acme", ScoringNames.CommentSentiment, "admin-2"));
    }

    [Fact]
    public void Activate_VersionNeverStored_Throws()
    {
        SaveBytes("acme", [1]);

        Assert.Throws<ModelNotFoundException>(() => store.Activate("acme", ScoringNames.CommentSentiment, 7, "admin-1"));
        Assert.Null(store.GetActivation("acme", ScoringNames.CommentSentiment).Active);
    }

    [Fact]
    public void Tenants_AreKeptApart()
    {
        SaveBytes("acme", [1]);
        SaveBytes("other", [2]);
        store.Activate("acme", ScoringNames.CommentSentiment, 1, "admin-1");

        Assert.Single(store.List("other", ScoringNames.CommentSentiment));
        Assert.Null(store.GetActivation("other", ScoringNames.CommentSentiment).Active);
    }

    [Fact]
    public void OpenModel_FileChangedOnDisk_IsRefused()
    {
        var saved = SaveBytes("acme", [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(root, "acme", ScoringNames.CommentSentiment, "v1.zip"), [1, 2, 4]);

        Assert.Throws<InvalidDataException>(() => store.OpenModel(saved));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Save_TenantIdThatIsNotAName_IsRefused(string tenant)
    {
        Assert.Throws<ArgumentException>(() => SaveBytes(tenant, [1]));
    }

    [Fact]
    public void SaveOpenLoad_TrainedModel_ScoresAsBefore()
    {
        var model = TrainedModels.Chars;
        var saved = store.Save("acme", Draft() with { Options = model.Options }, model.Save);

        using var stream = store.OpenModel(saved);
        var loaded = SentimentModel.Load(stream, saved.Options);

        Assert.Equal(model.ScoreBatch(["太慢了", "很好"]), loaded.ScoreBatch(["太慢了", "很好"]));
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
