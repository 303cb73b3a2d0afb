using Crm.Domain.Search;

namespace Crm.Domain.Tests.Search;

/// <summary>The edges the first mutation run of the search rules found unguarded: the Han ranges and the page token.</summary>
public sealed class SearchEdgesTests
{
    [Theory]
    [InlineData('\u4E00', true)]
    [InlineData('\u9FFF', true)]
    [InlineData('\u3400', true)]
    [InlineData('\u4DBF', true)]
    [InlineData('\uF900', true)]
    [InlineData('\uFAFF', true)]
    [InlineData('\u4DFF', false)]
    [InlineData('\u33FF', false)]
    [InlineData('\uA000', false)]
    [InlineData('\uF8FF', false)]
    [InlineData('\uFB00', false)]
    [InlineData('a', false)]
    public void IsHan_HoldsEachRangeToItsEnds(char c, bool han) => Assert.Equal(han, SearchGrams.IsHan(c));

    [Theory]
    [InlineData("5", true, 5)]
    [InlineData("0005", true, 5)]
    [InlineData("999", true, 999)]
    [InlineData("00005", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("0", false, 0)]
    [InlineData("1000", false, 0)]
    [InlineData("12a", false, 0)]
    [InlineData("-1", false, 0)]
    public void TryStart_TakesOnlyTheTokensItIssues(string token, bool ok, int offset)
    {
        Assert.Equal(ok, SearchRanking.TryStart(token, out var start));
        if (ok)
        {
            Assert.Equal(offset, start);
        }
    }

    [Fact]
    public void TryStart_NoTokenIsTheFirstPage()
    {
        Assert.True(SearchRanking.TryStart(null, out var start));
        Assert.Equal(0, start);
    }
}
