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

    [Theory]
    [InlineData("not very good", 0, 1)]          // the cue is the second word after the negator
    [InlineData("not so very good", 0, 1)]       // the third: still in reach
    [InlineData("not so very very good", 1, 0)]  // the fourth: out of reach
    [InlineData("不太好", 0, 1)]                  // 不太 then 好
    public void Score_NegationReach_IsThreeWords(string text, int positive, int negative)
    {
        Assert.Equal(new LexiconResult(positive, negative), SentimentLexicon.Score(text));
    }

    [Theory]
    [InlineData(".")]
    [InlineData(",")]
    [InlineData("!")]
    [InlineData("?")]
    [InlineData(";")]
    [InlineData(":")]
    [InlineData("。")]
    [InlineData("、")]
    [InlineData("\n")]
    [InlineData("~")]
    [InlineData("…")]
    public void Score_EveryClauseEnd_StopsANegator(string end)
    {
        Assert.Equal(new LexiconResult(1, 0), SentimentLexicon.Score("not" + end + "good"));
        Assert.Equal(new LexiconResult(0, 1), SentimentLexicon.Score("not good" + end));
    }

    [Fact]
    public void Score_Quotes_AroundAWord_AreNotPartOfIt()
    {
        Assert.Equal(new LexiconResult(1, 0), SentimentLexicon.Score("'good'"));
        Assert.Equal(new LexiconResult(0, 1), SentimentLexicon.Score("it isn't good"));
        Assert.Equal(new LexiconResult(0, 0), SentimentLexicon.Score("goods")); // a cue inside a longer word is not a cue
    }

    [Fact]
    public void Score_ChineseAtTheEndOfTheText_MatchesTheLongestListedWord()
    {
        Assert.Equal(new LexiconResult(0, 1), SentimentLexicon.Score("质量不满意"));
        Assert.Equal(new LexiconResult(1, 0), SentimentLexicon.Score("好评如潮"));
        Assert.Equal(new LexiconResult(2, 0), SentimentLexicon.Score("好好"));
    }

    [Fact]
    public void Score_PunctuationAndDigits_AreNotWords()
    {
        // Between the negator and the cue only symbols and digits stand: they take no place in the reach.
        Assert.Equal(new LexiconResult(0, 1), SentimentLexicon.Score("not 1 2 3 4 5 # good"));
        Assert.Equal(new LexiconResult(0, 1), SentimentLexicon.Score("㐀㐀㐀不好"));
    }

    [Theory]
    [InlineData('一', 1, 0)] // the ends of the basic CJK block and of extension A are words: the cue is out of reach
    [InlineData('鿿', 1, 0)]
    [InlineData('㐀', 1, 0)]
    [InlineData('䶿', 1, 0)]
    [InlineData('\u4DC0', 0, 1)] // just past extension A (a hexagram) and just before it: symbols, no place in the reach
    [InlineData('\u33FF', 0, 1)]
    public void Score_CjkCharacters_TakeAPlaceInTheReach(char filler, int positive, int negative)
    {
        Assert.Equal(new LexiconResult(positive, negative), SentimentLexicon.Score("不" + new string(filler, 3) + "好"));
    }
}
