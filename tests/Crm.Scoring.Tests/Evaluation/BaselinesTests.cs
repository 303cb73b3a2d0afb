using Crm.Scoring.Data;
using Crm.Scoring.Evaluation;

namespace Crm.Scoring.Tests.Evaluation;

public sealed class BaselinesTests
{
    private static LabeledText Row(string text, bool positive) => new(text, positive, 2);

    [Fact]
    public void Lexicon_TextWithoutCue_FallsBackToTheTrainingMajority()
    {
        LabeledText[] mostlySatisfied = [Row("a", true), Row("b", true), Row("c", false)];
        LabeledText[] test = [Row("订单 12345", true), Row("太差了", false)];

        var metrics = Baselines.Lexicon(mostlySatisfied, test);

        Assert.Equal(1.0, metrics.Accuracy); // the cue-less text counts as satisfied, the majority
        Assert.Equal(0.5, Baselines.Lexicon([Row("a", false)], test).Accuracy); // here the majority is dissatisfied
    }

    [Fact]
    public void Majority_PredictsTheTrainingMajorityOnTest()
    {
        Assert.Equal(0.5, Baselines.Majority([Row("a", true), Row("b", true)], [Row("x", true), Row("y", false)]).Accuracy);
    }
}
