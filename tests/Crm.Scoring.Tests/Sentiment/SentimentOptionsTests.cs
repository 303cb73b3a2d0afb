using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Sentiment;

public sealed class SentimentOptionsTests
{
    [Theory]
    [InlineData(FeatureSet.Chars, false, true)]
    [InlineData(FeatureSet.Words, true, false)]
    [InlineData(FeatureSet.WordsAndChars, true, true)]
    public void UsesWordsAndChars_FollowTheFeatureSet(FeatureSet features, bool words, bool chars)
    {
        var options = new SentimentOptions(features);

        Assert.Equal(words, options.UsesWords);
        Assert.Equal(chars, options.UsesChars);
    }

    [Fact]
    public void ToString_NamesFeaturesLengthsTrainerAndCues()
    {
        Assert.Equal("WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.01), lexicon cues", SentimentOptions.Default.ToString());
        Assert.Equal("Chars (chars 1-4, words 1-1), Sdca", new SentimentOptions(FeatureSet.Chars, 4, 1, TrainerKind.Sdca, LexiconFeatures: false).ToString());
    }
}
