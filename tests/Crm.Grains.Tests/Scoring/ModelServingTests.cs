using Crm.Grains.Scoring;
using Crm.Scoring;
using Crm.Scoring.Models;
using Crm.Scoring.Sentiment;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Grains.Tests.Scoring;

/// <summary>
/// A silo serves what the shared model store says is active: a new activation within the documented 30 s (the test
/// cluster checks every second), a roll-back likewise, and a tenant with no model stays on the lexicon rule.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ModelServingTests(ClusterFixture fixture)
{
    private const string Angry = "客服态度恶劣，问题一直没解决，非常失望";

    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress);

    [Fact]
    public async Task Activate_ThenRollBack_ScoresCarryTheActiveVersionEachTime()
    {
        var tenant = "serve-" + Guid.NewGuid().ToString("N")[..10];
        var store = Silo.GetRequiredService<IModelStore>();
        var scoring = Silo.GetRequiredService<ICommentScoring>();
        Assert.Equal(ScoringNames.LexiconVersion, scoring.Score(tenant, Angry).ModelVersion);
        var v1 = await SaveAsync(store, tenant);
        var v2 = await SaveAsync(store, tenant);

        await store.ActivateAsync(tenant, ScoringNames.CommentSentiment, v1.Version, "li-wei");
        var first = await ScoredByAsync(scoring, tenant, v1.Label);
        await store.ActivateAsync(tenant, ScoringNames.CommentSentiment, v2.Version, "li-wei");
        await ScoredByAsync(scoring, tenant, v2.Label);
        await store.RollBackAsync(tenant, ScoringNames.CommentSentiment, "li-wei");
        var back = await ScoredByAsync(scoring, tenant, v1.Label);

        Assert.True(first.FromModel);
        Assert.Equal(Crm.Contracts.Scoring.CommentTone.Dissatisfied, first.Tone);
        Assert.Equal(first, back);
        Assert.All(scoring.ScoreBatch(tenant, [Angry, "非常满意"]), s => Assert.Equal(v1.Label, s.ModelVersion));
    }

    [Fact]
    public async Task Refresh_TenantWithoutAnActiveModel_StaysOnTheLexiconAndSaysSo()
    {
        var tenant = "serve-" + Guid.NewGuid().ToString("N")[..10];
        var store = Silo.GetRequiredService<IModelStore>();
        await SaveAsync(store, tenant); // stored, never activated

        var served = await Silo.GetRequiredService<ModelServingLoader>().RefreshAsync(tenant);

        Assert.Equal(ScoringNames.LexiconVersion, served);
        var score = Silo.GetRequiredService<ICommentScoring>().Score(tenant, Angry);
        Assert.False(score.FromModel);
        Assert.Equal(ScoringNames.LexiconVersion, score.ModelVersion);
    }

    internal static async Task<ModelManifest> SaveAsync(IModelStore store, string tenant)
    {
        var trained = SentimentTraining.Train(Reviews.All, SentimentOptions.Default);
        using var file = new MemoryStream();
        trained.Model.Save(file);
        return await store.SaveAsync(tenant, new NewModel(ScoringNames.CommentSentiment, SentimentOptions.Default,
            new TrainingData("test", Reviews.All.Count, Reviews.Satisfied.Length), null, trained.Elapsed.TotalSeconds, "li-wei"), file.ToArray());
    }

    private static async Task<Crm.Contracts.Scoring.CommentScore> ScoredByAsync(ICommentScoring scoring, string tenant, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var score = scoring.Score(tenant, Angry);
            if (score.ModelVersion == version)
            {
                return score;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still scored by {score.ModelVersion}, expected {version} within 30 s.");
            await Task.Delay(200);
        }
    }
}
