using Crm.Scoring.Insight;

namespace Crm.Scoring.Tests.Insight;

public sealed class ThemeContrastTests
{
    private static IEnumerable<string> Split(string text) => text.Split(' ');

    [Fact]
    public void Find_TermOfDissatisfiedComments_RanksFirstWithCountsSharesAndMaskedExamples()
    {
        (string, bool)[] responses =
        [
            ("slow delivery", false), ("very slow", false), ("slow and cold", false), ("cold food", false),
            ("fast delivery", true), ("good food", true), ("good and fast", true), ("slow but good", true),
        ];

        var themes = ThemeContrast.Find(responses, Split, t => t.ToUpperInvariant(), minimumDetractors: 2, examples: 2);

        // cold (2 of 4 dissatisfied, no satisfied) edges out slow (3 of 4 against 1 of 4) on z; delivery, food: too few.
        Assert.Equal(["cold", "slow"], themes.Select(t => t.Term));
        var slow = themes[1];
        Assert.Equal((3, 1), (slow.Detractors, slow.Satisfied));
        Assert.Equal(0.75, slow.ShareOfDetractors);
        Assert.Equal(0.25, slow.ShareOfSatisfied);
        Assert.Equal(["VERY SLOW", "SLOW DELIVERY"], slow.Examples);
    }

    [Fact]
    public void Find_TermsCommonerAmongSatisfied_OrRare_AreLeftOut()
    {
        (string, bool)[] responses = [("good", false), ("good", true), ("good", true), ("bad", false)];

        Assert.Empty(ThemeContrast.Find(responses, Split, t => t, minimumDetractors: 2));
        Assert.Equal(["bad"], ThemeContrast.Find(responses, Split, t => t, minimumDetractors: 1).Select(t => t.Term));
    }

    [Fact]
    public void Find_RepeatedTermInOneComment_CountsOnce()
    {
        var themes = ThemeContrast.Find([("bad bad bad", false), ("ok", true)], Split, t => t, minimumDetractors: 1);

        Assert.Equal(1, themes.Single().Detractors);
    }

    [Fact]
    public void LogOdds_MatchesTheHandComputedSmoothedRatio()
    {
        var (logOdds, z) = ThemeContrast.LogOdds(3, 4, 1, 4);

        var expected = Math.Log(3.5 / 1.5) - Math.Log(1.5 / 3.5);
        Assert.Equal(expected, logOdds, 10);
        Assert.Equal(expected / Math.Sqrt(1 / 3.5 + 1 / 1.5 + 1 / 1.5 + 1 / 3.5), z, 10);
    }

    [Fact]
    public void Find_Examples_ShortestFirst_ThenInOrder_AndOnlyFromDissatisfiedComments()
    {
        (string, bool)[] responses = [("bad one", false), ("bad", true), ("so bad", false), ("bad two", false), ("bad", false)];

        var theme = ThemeContrast.Find(responses, Split, t => t, minimumDetractors: 1, examples: 3).Single(t => t.Term == "bad");

        // Lengths 7, 6, 7 and 3: the shortest first, and of the two of length 7 the earlier row.
        Assert.Equal(["bad", "so bad", "bad one"], theme.Examples);
        Assert.Equal((4, 1), (theme.Detractors, theme.Satisfied));
        Assert.Equal(1.0, theme.ShareOfDetractors);
        Assert.Equal(1.0, theme.ShareOfSatisfied);
    }

    [Fact]
    public void Find_NoSatisfiedComments_ShareOfSatisfiedIsNaN()
    {
        var theme = ThemeContrast.Find([("cold", false)], Split, t => t, minimumDetractors: 1).Single();

        Assert.True(double.IsNaN(theme.ShareOfSatisfied));
        Assert.Equal(1.0, theme.ShareOfDetractors);
    }

    [Fact]
    public void Find_EqualZ_SortByTerm_AndTheListIsCutAtTop()
    {
        (string, bool)[] responses = [("b", false), ("a", false), ("c", false), ("ok", true)];

        Assert.Equal(["a", "b"], ThemeContrast.Find(responses, Split, t => t, minimumDetractors: 1, top: 2).Select(t => t.Term));
    }

    [Fact]
    public void Find_TheDefaults_NeedFiveDissatisfiedComments_AndKeepThreeExamples()
    {
        string[] late = ["late", "so late", "late again", "very late", "late late"];
        var four = late.Take(4).Select(c => (c, false)).Append(("fine", true)).ToArray();
        var five = late.Select(c => (c, false)).Append(("fine", true)).ToArray();

        Assert.Empty(ThemeContrast.Find(four, Split, t => t));
        Assert.Equal(3, ThemeContrast.Find(five, Split, t => t).Single(t => t.Term == "late").Examples.Count);
    }

    [Fact]
    public void Find_Examples_TheSameCommentShownOnce()
    {
        (string, bool)[] responses = [("slow", false), ("slow", false), ("slow", false), ("too slow", false), ("fine", true)];

        var theme = ThemeContrast.Find(responses, Split, t => t, minimumDetractors: 1, examples: 3).Single(t => t.Term == "slow");

        Assert.Equal(["slow", "too slow"], theme.Examples);
        Assert.Equal(4, theme.Detractors);
    }

    [Fact]
    public void Find_ATermAsCommonOnBothSides_IsNoTheme()
    {
        // One of two comments on each side: log odds exactly 0.
        var themes = ThemeContrast.Find([("same", false), ("x", false), ("same", true), ("y", true)], Split, t => t, minimumDetractors: 1);
        Assert.DoesNotContain(themes, t => t.Term == "same");
    }
}
