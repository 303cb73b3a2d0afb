using Crm.Scoring.Satisfaction;

namespace Crm.Scoring.Tests.Satisfaction;

/// <summary>The satisfaction model on a made-up tenant where late answers and bad comments go with dissatisfaction.</summary>
public sealed class SatisfactionTrainingTests
{
    private static IReadOnlyList<SatisfactionRecord> Responses()
    {
        var random = new Random(5);
        return [.. Enumerable.Range(0, 240).Select(i =>
        {
            var late = random.NextDouble() < 0.3;
            var satisfied = late ? random.NextDouble() < 0.25 : random.NextDouble() < 0.85;
            var numbers = new Dictionary<string, double> { ["slaBreached"] = late ? 1 : 0, ["noise"] = random.NextDouble() };
            if (i % 3 == 0)
            {
                numbers.Remove("slaBreached"); // a third of responses do not know the fact
            }

            string? comment = (i % 2) switch
            {
                0 => satisfied ? "回复很快，很满意" : "等了很久，很失望",
                _ => null,
            };
            return new SatisfactionRecord(comment, numbers, new Dictionary<string, string> { ["channel"] = i % 4 == 0 ? "email" : "chat" }, satisfied);
        })];
    }

    [Fact]
    public void CrossValidate_FindsTheRealDriversAboveNoise()
    {
        var evaluation = SatisfactionTraining.CrossValidate(Responses(), 3, new SatisfactionOptions(Permutations: 5, MinimumComments: 1000));

        Assert.True(evaluation.Metrics.Auc > 0.75, $"AUC {evaluation.Metrics.Auc}");
        var bySlot = evaluation.Drivers.ToDictionary(d => d.Slot);
        Assert.True(bySlot["comment.dissatisfaction"].AucDrop > bySlot["noise"].AucDrop);
        Assert.True(bySlot["slaBreached"].AucDrop > bySlot["noise"].AucDrop);
        Assert.Equal(15, bySlot["noise"].Repeats);
    }

    [Fact]
    public void PredictSatisfied_WithOnlyAComment_OrOnlyFacts_OrNothing_StillPredicts()
    {
        var model = SatisfactionTraining.Train(Responses(), new SatisfactionOptions(MinimumComments: 1000));
        var none = new Dictionary<string, double>();
        var noCategories = new Dictionary<string, string>();

        var p = model.PredictSatisfied(
        [
            new SatisfactionRecord("等了很久，很失望", none, noCategories),
            new SatisfactionRecord("回复很快，很满意", none, noCategories),
            new SatisfactionRecord(null, new Dictionary<string, double> { ["slaBreached"] = 1 }, noCategories),
            new SatisfactionRecord(null, new Dictionary<string, double> { ["slaBreached"] = 0 }, noCategories),
            new SatisfactionRecord(null, none, noCategories),
        ]);

        Assert.All(p, v => Assert.InRange(v, 0, 1));
        Assert.True(p[0] < p[1], $"complaint {p[0]} vs praise {p[1]}");
        Assert.True(p[2] < p[3], $"breached {p[2]} vs not {p[3]}");
        Assert.Null(model.Comments); // below MinimumComments the lexicon scored the comments
    }

    [Fact]
    public void Train_EnoughComments_TrainsACommentModel()
    {
        var model = SatisfactionTraining.Train(Responses(), new SatisfactionOptions(MinimumComments: 20, InnerFolds: 2));

        Assert.NotNull(model.Comments);
    }
}
