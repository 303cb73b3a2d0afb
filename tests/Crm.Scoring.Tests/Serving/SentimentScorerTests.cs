using Crm.Scoring.Serving;
using Crm.Scoring.Sentiment;
using Crm.Scoring.Tests.Fixtures;

namespace Crm.Scoring.Tests.Serving;

public sealed class SentimentScorerTests
{
    private static readonly string[] Texts = ["送餐太慢了，饭都凉了", "服务很好，推荐", "The food was cold", "Great, thank you", "一般般"];

    [Fact]
    public void Score_NoModel_UsesTheLexiconAndSaysSo()
    {
        var scorer = new SentimentScorer();

        var score = scorer.Score("送餐太慢了，很失望");

        Assert.Equal(ScoreSource.Lexicon, score.Source);
        Assert.Equal(ScoringNames.LexiconVersion, score.ModelVersion);
        Assert.Equal(SentimentClass.Dissatisfied, score.Class);
        Assert.Equal(SentimentBands.Score(score.DissatisfactionProbability), score.Score);
    }

    [Fact]
    public void Swap_ThenScore_CarriesTheModelVersion_AndSingleEqualsBatch()
    {
        var scorer = new SentimentScorer();

        var replaced = scorer.Swap(TrainedModels.Chars, "comment-sentiment/v1");
        var single = Texts.Select(scorer.Score).ToArray();
        var batch = scorer.ScoreBatch(Texts);

        Assert.Equal(ScoringNames.LexiconVersion, replaced);
        Assert.All(batch, s => Assert.Equal("comment-sentiment/v1", s.ModelVersion));
        Assert.All(batch, s => Assert.Equal(ScoreSource.Model, s.Source));
        Assert.Equal(TrainedModels.Chars.ScoreBatch(Texts), batch.Select(s => s.DissatisfactionProbability));
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(batch[i].DissatisfactionProbability, single[i].DissatisfactionProbability, 5);
        }
    }

    [Fact]
    public void ScoreBatch_ALargeBatchSplitAcrossCores_ScoresExactlyAsTheTransformOfTheWholeBatch()
    {
        // Enough texts for several chunks, in an order where no chunk holds only one kind (the texts differ by their pairing).
        var texts = TinyReviews.Satisfied.Concat(TinyReviews.Dissatisfied)
            .SelectMany((a, i) => TinyReviews.Dissatisfied.Select((b, j) => (i + j) % 3 == 0 ? $"{a}，{b}" : a))
            .ToArray();
        Assert.True(texts.Length >= 4 * 64, $"{texts.Length} texts");
        var scorer = new SentimentScorer();

        foreach (var model in new[] { TrainedModels.Chars, TrainedModels.Words })
        {
            scorer.Swap(model, "v");
            var reference = model.ScoreBatch(texts);

            var batch = scorer.ScoreBatch(texts);

            Assert.Equal(reference, batch.Select(s => s.DissatisfactionProbability));
        }
    }

    [Fact]
    public void Swap_Null_ReturnsToTheLexicon()
    {
        var scorer = new SentimentScorer();
        scorer.Swap(TrainedModels.Chars, "comment-sentiment/v1");

        Assert.Equal("comment-sentiment/v1", scorer.Swap(null, "ignored"));
        Assert.Equal(ScoreSource.Lexicon, scorer.Score("好").Source);
    }

    [Fact]
    public async Task Score_WhileSwappingFromManyThreads_EveryScoreMatchesTheVersionItNames()
    {
        var expected = new Dictionary<string, double[]>
        {
            ["v1"] = TrainedModels.Chars.ScoreBatch(Texts),
            ["v2"] = TrainedModels.Words.ScoreBatch(Texts),
        };
        Assert.NotEqual(expected["v1"], expected["v2"]);
        var scorer = new SentimentScorer();
        scorer.Swap(TrainedModels.Chars, "v1");
        using var stop = new CancellationTokenSource();
        var swaps = 0;

        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested || swaps < 50)
            {
                scorer.Swap(swaps++ % 2 == 0 ? TrainedModels.Words : TrainedModels.Chars, swaps % 2 == 1 ? "v2" : "v1");
            }
        });
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var checkedScores = 0;
            // A fixed amount of work per reader, so a slow shared machine checks as much as a fast one.
            while (checkedScores < 200)
            {
                var i = checkedScores % Texts.Length;
                var single = scorer.Score(Texts[i]);
                Assert.Equal(expected[single.ModelVersion][i], single.DissatisfactionProbability, 5);
                var batch = scorer.ScoreBatch(Texts);
                Assert.All(batch, s => Assert.Equal(batch[0].ModelVersion, s.ModelVersion));
                Assert.Equal(expected[batch[0].ModelVersion], batch.Select(s => s.DissatisfactionProbability));
                checkedScores++;
            }

            return checkedScores;
        })).ToArray();

        var counts = await Task.WhenAll(readers);
        await stop.CancelAsync();
        await swapper;
        Assert.True(swaps > 10, $"only {swaps} swaps");
        Assert.All(counts, c => Assert.Equal(200, c));
    }
}
