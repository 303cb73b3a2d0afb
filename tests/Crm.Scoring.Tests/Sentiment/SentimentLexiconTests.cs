using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Sentiment;

public sealed class SentimentLexiconTests
{
    [Theory]
    [InlineData("送餐太慢了，饭都凉了，很失望", 0, 3)]
    [InlineData("服务很好，干净又舒适，推荐！", 4, 0)]
    [InlineData("The delivery was late and the food was cold.", 0, 2)]
    [InlineData("Great service, friendly staff, would recommend", 3, 0)]
    public void Score_CueWords_CountedByPolarity(string text, int positive, int negative)
    {
        Assert.Equal(new LexiconResult(positive, negative), SentimentLexicon.Score(text));
    }

    [Theory]
    [InlineData("房间不好", 0, 1)]           // 不好 is listed whole.
    [InlineData("味道不错", 1, 0)]           // 不错 wins over 不 + 错.
    [InlineData("没问题", 1, 0)]             // listed whole.
    [InlineData("一点也不干净", 0, 1)]       // a negator flips the cue after it.
    [InlineData("not good at all", 0, 1)]
    [InlineData("I don't like it", 0, 1)]
    [InlineData("not bad", 1, 0)]
    public void Score_Negation_FlipsTheCueItReaches(string text, int positive, int negative)
    {
        Assert.Equal(new LexiconResult(positive, negative), SentimentLexicon.Score(text));
    }

    [Fact]
    public void Score_NegatorBeforeAClauseEnd_DoesNotReachTheNextClause()
    {
        Assert.Equal(new LexiconResult(1, 0), SentimentLexicon.Score("not really. good"));
        Assert.Equal(new LexiconResult(1, 0), SentimentLexicon.Score("没有，很好"));
    }

    [Fact]
    public void Score_NegatorFarBefore_DoesNotFlip()
    {
        Assert.Equal(new LexiconResult(1, 0), SentimentLexicon.Score("not that I ever thought it would be good"));
    }

    [Fact]
    public void Score_WordsThatOnlyContainACue_AreNeutral()
    {
        Assert.Equal(new LexiconResult(0, 0), SentimentLexicon.Score("快递今天到"));
    }

    [Fact]
    public void Score_FullWidthAndUpperCase_MatchLikeHalfWidthLowerCase()
    {
        Assert.Equal(SentimentLexicon.Score("not good, terrible"), SentimentLexicon.Score("ＮＯＴ GOOD，TERRIBLE"));
    }

    [Fact]
    public void Probability_NoCue_IsHalfWithoutEvidence()
    {
        var result = SentimentLexicon.Score("订单号 12345");

        Assert.False(result.HasEvidence);
        Assert.Equal(0.5, result.DissatisfactionProbability);
    }

    [Fact]
    public void Probability_IsTheSmoothedShareOfNegativeCues()
    {
        Assert.Equal(0.75, new LexiconResult(0, 1).DissatisfactionProbability);
        Assert.Equal(0.25, new LexiconResult(1, 0).DissatisfactionProbability);
        Assert.Equal(2.5 / 4, new LexiconResult(1, 2).DissatisfactionProbability);
        Assert.True(new LexiconResult(1, 0).HasEvidence);
    }
}
