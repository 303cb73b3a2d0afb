using Crm.Domain.Search;

namespace Crm.Domain.Tests.Search;

public sealed class SearchRankingTests
{
    [Fact]
    public void Rank_BestFirst_ThenById_BelowTheBarDropped() =>
        Assert.Equal(
            ["c", "a", "b"],
            SearchRanking.Rank([("b", 0.5), ("a", 0.75), ("d", 0.49), ("c", 1.0)]).Select(h => h.Id));

    [Fact]
    public void Rank_ManyCandidates_KeepsAtMostTheMaximum() =>
        Assert.Equal(SearchRanking.MaxRanked, SearchRanking.Rank(Enumerable.Range(0, SearchRanking.MaxRanked + 5).Select(i => (i.ToString("D5"), 1.0))).Count);

    [Theory]
    [InlineData(1.0, 100)]
    [InlineData(0.999, 99)]
    [InlineData(0.5, 50)]
    [InlineData(-1, 0)]
    [InlineData(2, 100)]
    public void Percent_RoundsDown(double score, int expected) => Assert.Equal(expected, SearchRanking.Percent(score));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000")]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData(" 5")]
    [InlineData("x")]
    public void TryStart_ForeignToken_IsRefused(string token) => Assert.False(SearchRanking.TryStart(token, out _));

    [Fact]
    public void TryStart_NoToken_IsTheFirstPage_AndNextContinues()
    {
        Assert.True(SearchRanking.TryStart(null, out var first));
        Assert.Equal(0, first);
        Assert.True(SearchRanking.TryStart(SearchRanking.Next(20, 45), out var next));
        Assert.Equal(20, next);
        Assert.Null(SearchRanking.Next(45, 45));
    }

    [Fact]
    public void Candidates_ShareOfGramsMatched()
    {
        var scores = SearchRanking.Candidates([["a", "b"], ["a"], ["a", "c"], []], maxPerGram: 10).ToDictionary(c => c.Id, c => c.Score);
        Assert.Equal(0.75, scores["a"]);
        Assert.Equal(0.25, scores["b"]);
        Assert.Equal(0.25, scores["c"]);
        Assert.Equal(3, scores.Count);
    }

    [Fact]
    public void Candidates_TruncatedGram_CountsOnlyAgainstTheIdsItReturned()
    {
        // The first gram's read stopped at 2 ids: "z" matched the other two grams and is scored on those alone.
        var scores = SearchRanking.Candidates([["x", "y"], ["z"], ["z"]], maxPerGram: 2).ToDictionary(c => c.Id, c => c.Score);
        Assert.Equal(1.0, scores["z"]);
        Assert.Equal(1.0 / 3, scores["x"], 6);
        Assert.Equal(1.0 / 3, scores["y"], 6);
    }
}
