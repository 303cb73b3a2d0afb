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
}
