namespace Crm.Scoring.Tests.Text;

public sealed class WordSegmenterTests
{
    [Fact]
    public void Segment_Chinese_SplitsIntoWordsJoinedBySpaces()
    {
        Assert.Equal("送餐 太慢 了", WordSegmenter.Segment("送餐太慢了"));
    }

    [Fact]
    public void Segment_WithoutHmm_LeavesCharactersTheDictionaryDoesNotJoinApart()
    {
        // jieba's own example: its HMM pass makes a word of 杭研, which its dictionary does not hold.
        Assert.Contains("杭研", WordSegmenter.Segment("他来到了网易杭研大厦").Split(' '));
        Assert.DoesNotContain("杭研", WordSegmenter.Segment("他来到了网易杭研大厦", hmm: false).Split(' '));
        // 送餐 is not in the dictionary either: without the HMM a delivery review loses its most common word.
        Assert.Equal("送 餐 太慢 了", WordSegmenter.Segment("送餐太慢了", hmm: false));
    }

    [Fact]
    public void Segment_LatinWords_StayWhole_AndPunctuationIsDropped()
    {
        // jieba would split "não" into "n ã o": only runs holding Chinese go to it.
        Assert.Equal("não gostei don't 123", WordSegmenter.Segment("não gostei, don't!  123"));
    }

    [Fact]
    public void Segment_MixedRun_SendsOnlyTheChineseRunToJieba()
    {
        Assert.Equal("ok 质量 不错", WordSegmenter.Segment("ok 质量不错。"));
    }

    [Theory]
    [InlineData("㐀", "㐀")] // CJK extension A is Chinese too
    [InlineData("一", "一")] // the first and last of the basic block
    [InlineData("龥", "龥")]
    public void Segment_EdgesOfTheCjkBlocks_GoToJieba(string text, string expected)
    {
        Assert.Equal(expected, WordSegmenter.Segment(text));
    }

    [Fact]
    public void Segment_Empty_IsEmpty()
    {
        Assert.Equal(string.Empty, WordSegmenter.Segment(string.Empty));
        Assert.Equal(string.Empty, WordSegmenter.Segment("!!! ..."));
    }
}
