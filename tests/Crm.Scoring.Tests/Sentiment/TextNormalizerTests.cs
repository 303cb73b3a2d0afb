namespace Crm.Scoring.Tests.Sentiment;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Normalize_FullWidthAsciiAndIdeographicSpace_BecomeHalfWidthLowerCase()
    {
        Assert.Equal("不错! abc 123", TextNormalizer.Normalize("不错！\u3000ＡＢＣ １２３"));
    }

    [Fact]
    public void StripInvisible_RemovesBomAndZeroWidth_KeepsTheRest()
    {
        Assert.Equal("好评", TextNormalizer.StripInvisible("\uFEFF好\u200B评"));
        Assert.Same("plain", TextNormalizer.StripInvisible("plain"));
    }
}
