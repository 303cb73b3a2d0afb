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

    [Fact]
    public void Lexicon_TiedTraining_FallsBackToDissatisfied()
    {
        // One of each in training: a cue-less text counts as dissatisfied, so the satisfied cue-less row is wrong.
        LabeledText[] tied = [Row("a", true), Row("b", false)];
        LabeledText[] test = [Row("订单 12345", true), Row("太差了", false), Row("很好", true)];

        var metrics = Baselines.Lexicon(tied, test);

        Assert.Equal(2.0 / 3, metrics.Accuracy, 10);
        Assert.Equal(3, metrics.Rows);
    }

    [Fact]
    public void Majority_LabelsAreDissatisfiedFirst()
    {
        // The baselines, like the models, predict "dissatisfied": a satisfied training majority predicts false for all.
        var metrics = Baselines.Majority([Row("a", true), Row("b", true), Row("c", false)], [Row("x", true), Row("y", true), Row("z", false)]);

        Assert.Equal(2.0 / 3, metrics.Accuracy, 10);
    }
}
