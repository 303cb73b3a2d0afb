using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Sentiment;

public sealed class SentimentBandsTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.004, 0)]
    [InlineData(0.005, 1)]
    [InlineData(0.5, 50)]
    [InlineData(0.995, 100)]
    [InlineData(1.0, 100)]
    [InlineData(-0.2, 0)]
    [InlineData(1.7, 100)]
    public void Score_Probability_IsHundredthsRoundedAndClamped(double probability, int expected)
    {
        Assert.Equal(expected, SentimentBands.Score(probability));
    }

    [Theory]
    [InlineData(0.0, SentimentClass.Satisfied)]
    [InlineData(0.35, SentimentClass.Satisfied)]
    [InlineData(0.3501, SentimentClass.Neutral)]
    [InlineData(0.5, SentimentClass.Neutral)]
    [InlineData(0.6499, SentimentClass.Neutral)]
    [InlineData(0.65, SentimentClass.Dissatisfied)]
    [InlineData(1.0, SentimentClass.Dissatisfied)]
    public void Classify_DefaultBands_BoundariesBelongToTheOuterClasses(double probability, SentimentClass expected)
    {
        Assert.Equal(expected, SentimentBands.Default.Classify(probability));
    }

    [Fact]
    public void Classify_CustomBands_UsesThem()
    {
        var bands = new SentimentBands(DissatisfiedFrom: 0.8, SatisfiedUpTo: 0.2);

        Assert.Equal(SentimentClass.Neutral, bands.Classify(0.7));
        Assert.Equal(SentimentClass.Dissatisfied, bands.Classify(0.8));
        Assert.Equal(SentimentClass.Neutral, bands.Classify(0.3));
        Assert.Equal(SentimentClass.Satisfied, bands.Classify(0.2));
    }
}
