using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Sentiment;

public sealed class ScoringSettingsTests
{
    [Fact]
    public void CheckTrainingData_EnoughOfEach_IsNull()
    {
        Assert.Null(ScoringSettings.Default.CheckTrainingData(450, 50));
    }

    [Fact]
    public void CheckTrainingData_TooFewInAll_SaysHowManyMore()
    {
        Assert.Equal(new TrainingShortfall(1, 0, 0), ScoringSettings.Default.CheckTrainingData(449, 50));
    }

    [Fact]
    public void CheckTrainingData_TooFewDissatisfied_SaysHowManyMore()
    {
        Assert.Equal(new TrainingShortfall(0, 0, 10), ScoringSettings.Default.CheckTrainingData(960, 40));
        Assert.Equal(new TrainingShortfall(0, 1, 0), new ScoringSettings(10, 5).CheckTrainingData(4, 6));
    }

    [Fact]
    public void CheckTrainingData_EveryShortfallCounts_EvenWhenTheyCouldCancel()
    {
        Assert.Equal(new TrainingShortfall(5, 0, 5), new ScoringSettings(10, 5).CheckTrainingData(5, 0));
        Assert.Equal(new TrainingShortfall(5, 5, 0), new ScoringSettings(10, 5).CheckTrainingData(0, 5));
    }
}
