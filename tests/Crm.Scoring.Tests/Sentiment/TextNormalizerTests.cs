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

    [Fact]
    public void Normalize_EveryFullWidthAsciiCharacter_IsItsHalfWidthLowerCase()
    {
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            Assert.Equal(char.ToLowerInvariant((char)(c - 0xFEE0)).ToString(), TextNormalizer.Normalize(c.ToString()));
        }

        Assert.Equal(" ", TextNormalizer.Normalize("\u3000"));
    }

    [Fact]
    public void Normalize_KeepsChineseAndLowersOtherScripts()
    {
        // NFKC also folds half-width forms: the half-width ideographic full stop becomes 。.
        Assert.Equal("质量不错 não 。", TextNormalizer.Normalize("质量不错 NÃO ｡"));
    }

    [Theory]
    [InlineData("\uFEFF")]
    [InlineData("\u200B")]
    [InlineData("\u200C")]
    [InlineData("\u200D")]
    [InlineData("\u2060")]
    public void StripInvisible_EachInvisibleCharacter_Goes(string invisible)
    {
        Assert.Equal("ab", TextNormalizer.StripInvisible("a" + invisible + "b"));
        Assert.Equal("ab", TextNormalizer.Normalize(invisible + "AB"));
    }
}
