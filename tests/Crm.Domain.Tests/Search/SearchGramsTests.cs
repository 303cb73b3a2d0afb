using Crm.Domain.Search;

namespace Crm.Domain.Tests.Search;

public sealed class SearchGramsTests
{
    [Fact]
    public void ForIndex_ChineseName_HasEveryCharacterAndNeighbourPair() =>
        Assert.Equal(["h:王", "h:王小", "h:小", "h:小明", "h:明"], SearchGrams.ForIndex("王小明"));

    [Fact]
    public void ForIndex_LatinName_HasPrefixesAndMarkedTrigrams() =>
        Assert.Equal(["p:li", "t:^li", "t:li$", "p:we", "p:wei", "t:^we", "t:wei", "t:ei$"], SearchGrams.ForIndex("Li Wei"));

    [Fact]
    public void ForIndex_MixedAccentsAndFullWidth_AreFolded()
    {
        Assert.Equal(SearchGrams.ForIndex("jose"), SearchGrams.ForIndex("José"));
        Assert.Equal(SearchGrams.ForIndex("ab12"), SearchGrams.ForIndex("ＡＢ１２"));
        // Han next to Latin splits into two words.
        Assert.Contains("h:张", SearchGrams.ForIndex("Anna张"));
        Assert.Contains("p:anna", SearchGrams.ForIndex("Anna张"));
    }

    [Fact]
    public void ForIndex_LongWord_StopsPrefixesAtTheMaximum()
    {
        var grams = SearchGrams.ForIndex(new string('a', 20) + "b");
        Assert.Contains("p:" + new string('a', SearchGrams.MaxPrefixLength), grams);
        Assert.DoesNotContain(grams, g => g.StartsWith("p:", StringComparison.Ordinal) && g.Length > 2 + SearchGrams.MaxPrefixLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData("王")]
    [InlineData(" - a ! ")]
    public void ForQuery_TooShort_IsEmpty(string? query) => Assert.Empty(SearchGrams.ForQuery(query));

    [Fact]
    public void ForQuery_TwoCharacters_IsEnough()
    {
        Assert.Equal(["h:小", "h:小明", "h:明"], SearchGrams.ForQuery("小明"));
        Assert.Equal(["p:li", "t:^li"], SearchGrams.ForQuery("li"));
    }

    [Fact]
    public void ForQuery_Word_HasNoEndMark_SoAPrefixMatchesFully()
    {
        var query = SearchGrams.ForQuery("wan");
        Assert.Equal(["p:wan", "t:^wa", "t:wan"], query);
        Assert.Equal(1.0, SearchGrams.Score(query, SearchGrams.ForIndex("Wang Fang")));
    }

    [Fact]
    public void ForQuery_ManyWords_KeepsAtMostTheMaximum() =>
        Assert.Equal(SearchGrams.MaxQueryGrams, SearchGrams.ForQuery(string.Join(' ', Enumerable.Range(0, 30).Select(i => "word" + i))).Count);

    [Fact]
    public void Score_TwoCharactersOfAChineseName_IsAFullMatch() =>
        Assert.Equal(1.0, SearchGrams.Score(SearchGrams.ForQuery("小明"), SearchGrams.ForIndex("王小明")));

    [Fact]
    public void Score_OneCharacterWrong_StillPasses_AnUnrelatedNameDoesNot()
    {
        var query = SearchGrams.ForQuery("王小名");
        Assert.Equal(0.6, SearchGrams.Score(query, SearchGrams.ForIndex("王小明")), 3);
        Assert.True(SearchGrams.Score(query, SearchGrams.ForIndex("李明")) < SearchRanking.MinScore);
    }

    [Fact]
    public void Score_Misspelling_PassesThroughTrigrams()
    {
        var score = SearchGrams.Score(SearchGrams.ForQuery("Zhnag Wei"), SearchGrams.ForIndex("Zhang Wei"));
        Assert.InRange(score, SearchRanking.MinScore, 0.99);
        Assert.True(SearchGrams.Score(SearchGrams.ForQuery("Zhnag Wei"), SearchGrams.ForIndex("Chen Jing")) < SearchRanking.MinScore);
    }

    [Fact]
    public void Score_NoQueryGrams_IsZero() => Assert.Equal(0, SearchGrams.Score([], SearchGrams.ForIndex("王小明")));

    [Fact]
    public void SignificantLength_CountsLettersDigitsAndHanOnly() => Assert.Equal(4, SearchGrams.SignificantLength(" 王-小 a!1 "));

    [Fact]
    public void ForOrderReference_EveryPrefixFromTheMinimum_SeparatorsIgnored()
    {
        Assert.Equal(["o:so20", "o:so202", "o:so2026", "o:so20264", "o:so202642"], SearchGrams.ForOrderReference("SO-2026-42"));
        Assert.Empty(SearchGrams.ForOrderReference("A-1"));
        Assert.Empty(SearchGrams.ForOrderReference(null));
    }

    [Theory]
    [InlineData("so 2026", "o:so2026")]
    [InlineData("SO-2026-42", "o:so202642")]
    [InlineData("s-1", null)]
    public void OrderQuery_IsOneGram_OrNoneWhenTooShort(string query, string? expected) => Assert.Equal(expected, SearchGrams.OrderQuery(query));
}
