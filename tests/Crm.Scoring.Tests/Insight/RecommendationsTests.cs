using Crm.Scoring.Insight;

namespace Crm.Scoring.Tests.Insight;

public sealed class RecommendationsTests
{
    private static (double?, bool)[] Rows(int lateSatisfied, int lateNot, int onTimeSatisfied, int onTimeNot) =>
    [
        .. Enumerable.Repeat(((double?)1, true), lateSatisfied), .. Enumerable.Repeat(((double?)1, false), lateNot),
        .. Enumerable.Repeat(((double?)0, true), onTimeSatisfied), .. Enumerable.Repeat(((double?)0, false), onTimeNot),
    ];

    [Fact]
    public void DriverEffect_BinaryFact_ComparesSidesWithIntervalShareAndGain()
    {
        var effect = DriverEffect.Measure("late", [.. Rows(10, 30, 50, 10), (null, true)], lowersSatisfaction: true)!;

        Assert.Equal((40, 60), (effect.AdverseRows, effect.OtherRows));
        Assert.Equal(0.25, effect.AdverseSatisfied, 10);
        Assert.Equal(50.0 / 60, effect.OtherSatisfied, 10);
        Assert.Equal(50.0 / 60 - 0.25, effect.Difference, 10);
        var se = Math.Sqrt(0.25 * 0.75 / 40 + (50.0 / 60) * (10.0 / 60) / 60);
        Assert.Equal(effect.Difference - 1.96 * se, effect.Low, 10);
        Assert.Equal(effect.Difference + 1.96 * se, effect.High, 10);
        Assert.Equal(0.75, effect.ShareOfDetractors, 10);          // 30 of 40 dissatisfied were late
        Assert.Equal(100 * 0.4 * effect.Difference, effect.ExpectedGain, 10);
    }

    [Fact]
    public void DriverEffect_RaisingSatisfaction_LooksAtTheLowSide_AndOneSidedDataHasNoEffect()
    {
        var effect = DriverEffect.Measure("rating.speed", [(1, false), (2, false), (4, true), (5, true), (5, true)], lowersSatisfaction: false)!;

        Assert.Equal(4, effect.Threshold);
        Assert.Equal(2, effect.AdverseRows);
        Assert.Null(DriverEffect.Measure("late", Rows(0, 0, 5, 5), lowersSatisfaction: true));
    }

    [Fact]
    public void Derive_RanksByExpectedGain_SkipsEffectsWhoseIntervalIncludesZero_SpeaksBothLanguages()
    {
        var strong = DriverEffect.Measure("late", Rows(10, 30, 50, 10), lowersSatisfaction: true)!;
        var weak = DriverEffect.Measure("noise", Rows(20, 21, 20, 19), lowersSatisfaction: true)!;
        var theme = new Theme("太慢", 45, 5, 0.5, 0.05, 2.0, 5.0, ["送得太慢"]);

        var common = new Theme("产品", 60, 50, 0.6, 0.4, 0.4, 2.5, ["产品一般"]); // 1.5× as often: not a recommendation

        var recommendations = Recommendations.Derive([weak, strong], [theme, common], responses: 100, DriverLabels.Known);

        Assert.Equal(["太慢", "late"], recommendations.Select(r => r.Subject));
        Assert.Equal(45, recommendations[0].ExpectedGain, 10);
        Assert.Contains("late delivery", recommendations[1].English);
        Assert.Contains("延迟送达", recommendations[1].Chinese);
        Assert.Contains("n = 100", recommendations[1].English);
        Assert.Contains("75%", recommendations[1].Chinese);
        Assert.Contains("10.0×", recommendations[0].English);
        Assert.Contains("“太慢”", recommendations[0].Chinese);
    }
}
