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

    [Fact]
    public void DriverEffect_TooFewKnownValues_OrNonFiniteOnes_HaveNoEffect()
    {
        Assert.Null(DriverEffect.Measure("late", [(1, true)], lowersSatisfaction: true));
        Assert.Null(DriverEffect.Measure("late", [(1, true), (null, false), (double.NaN, false), (double.PositiveInfinity, true)], lowersSatisfaction: true));
        Assert.NotNull(DriverEffect.Measure("late", [(1, true), (0, false)], lowersSatisfaction: true));
    }

    [Fact]
    public void DriverEffect_Numbers_SplitAtTheMedian_TheMedianItselfIsNotAdverse()
    {
        // Values 1..5: the median is 3; higher values lower satisfaction, so 4 and 5 are adverse, 1-3 the rest.
        var effect = DriverEffect.Measure("hours", [(1, true), (2, true), (3, false), (4, false), (5, true)], lowersSatisfaction: true)!;

        Assert.Equal(3, effect.Threshold);
        Assert.True(effect.AdverseAbove);
        Assert.Equal((2, 3), (effect.AdverseRows, effect.OtherRows));
        Assert.Equal(0.5, effect.AdverseSatisfied, 10);
        Assert.Equal(2.0 / 3, effect.OtherSatisfied, 10);
        Assert.Equal(0.5, effect.ShareOfDetractors, 10); // one of the two dissatisfied is adverse
        Assert.Equal(100.0 * 2 / 5 * (2.0 / 3 - 0.5), effect.ExpectedGain, 10);
        // Below the median when higher values raise satisfaction: 1 and 2.
        var raising = DriverEffect.Measure("rating", [(1, true), (2, true), (3, false), (4, false), (5, true)], lowersSatisfaction: false)!;
        Assert.False(raising.AdverseAbove);
        Assert.Equal((2, 3), (raising.AdverseRows, raising.OtherRows));
    }

    [Fact]
    public void DriverEffect_AdverseSideDoingBetter_GainsNothing_AndNoDetractorsShareNothing()
    {
        var better = DriverEffect.Measure("late", Rows(30, 10, 10, 30), lowersSatisfaction: true)!;
        Assert.True(better.Difference < 0);
        Assert.Equal(0, better.ExpectedGain);

        var allSatisfied = DriverEffect.Measure("late", Rows(5, 0, 5, 0), lowersSatisfaction: true)!;
        Assert.Equal(0, allSatisfied.ShareOfDetractors);
        Assert.Equal(0, allSatisfied.ExpectedGain);
    }

    [Fact]
    public void Derive_NumberDrivers_NameTheirSideOfTheThreshold_UnknownDriversTheirOwnName()
    {
        var above = new DriverEffect("resolutionHours", 12.5, true, 30, 70, 0.4, 0.8, 0.4, 0.2, 0.6, 0.5, 12);
        var below = new DriverEffect("rating.speed", 3, false, 20, 80, 0.5, 0.7, 0.2, 0.1, 0.3, 0.25, 4);

        var recommendations = Recommendations.Derive([below, above], [], responses: 100, DriverLabels.Known);

        Assert.Equal(["resolutionHours", "rating.speed"], recommendations.Select(r => r.Subject));
        Assert.Equal(
            "Act on resolution time (> 12.5): 30% of responses are on this side and are satisfied 40.0 points less often (95% CI 20.0 to 60.0, n = 100); they make up 50% of dissatisfied responses. Bringing them level with the rest would add about 12.0 CSAT points.",
            recommendations[0].English);
        Assert.Equal(
            "改善解决时长 (> 12.5)：30%的回复属于这种情况，其满意率低 40.0 个百分点（95% 置信区间 20.0～60.0，n = 100），占不满意回复的 50%。若能与其他回复持平，CSAT 约可提升 12.0 个百分点。",
            recommendations[0].Chinese);
        Assert.StartsWith("Act on rating.speed (< 3):", recommendations[1].English);
        Assert.StartsWith("改善rating.speed (< 3)：", recommendations[1].Chinese);
        Assert.Equal(
            new Recommendation(RecommendationKind.Driver, "rating.speed", 4, 0.2, 0.1, 0.3, 0.25, 100, recommendations[1].English, recommendations[1].Chinese),
            recommendations[1]);
    }

    [Fact]
    public void Derive_Themes_OnlyInDissatisfiedComments_SayIt_AndTheListIsCutAtTop()
    {
        var only = new Theme("冷", 10, 0, 0.2, 0, 1.5, 3, ["饭是冷的"]);
        var twice = new Theme("slow", 8, 4, 0.4, 0.2, 0.7, 2, ["slow"]);

        var recommendations = Recommendations.Derive([], [twice, only], responses: 50, DriverLabels.Known, top: 1);

        var r = Assert.Single(recommendations);
        Assert.Equal(
            "Look into \"冷\": 20% of dissatisfied comments mention it (10), only in dissatisfied comments. Resolving it could win back up to 20.0 CSAT points.",
            r.English);
        Assert.Equal("关注“冷”：20%的不满意评论提到了它（10 条），只出现在不满意评论中。解决这一问题，CSAT 最多可提升 20.0 个百分点。", r.Chinese);
        Assert.Equal((RecommendationKind.Theme, 20.0, 1.5, 10), (r.Kind, r.ExpectedGain, r.Effect, r.N));
        Assert.Equal(1.5 - 1.96 * 1.5 / 3, r.Low, 10);
        Assert.Equal(1.5 + 1.96 * 1.5 / 3, r.High, 10);

        var second = Recommendations.Derive([], [twice], responses: 50, DriverLabels.Known)[0];
        Assert.Contains("2.0× as often as satisfied ones", second.English);
        Assert.Contains("是满意评论的 2.0 倍", second.Chinese);
        Assert.Equal(16.0, second.ExpectedGain, 10);
        Assert.Equal(12, second.N);
    }

    [Fact]
    public void Derive_EqualGains_SortBySubject_NoResponsesCountsAsOne()
    {
        var a = new Theme("b-theme", 1, 0, 0.5, 0, 1, 1, []);
        var b = new Theme("a-theme", 1, 0, 0.5, 0, 1, 1, []);

        var recommendations = Recommendations.Derive([], [a, b], responses: 0, DriverLabels.Known);

        Assert.Equal(["a-theme", "b-theme"], recommendations.Select(r => r.Subject));
        Assert.Equal(100, recommendations[0].ExpectedGain);
    }

    [Fact]
    public void DriverEffect_EvenCount_SplitsAtTheUpperMiddleValue()
    {
        var effect = DriverEffect.Measure("hours", [(4, false), (1, true), (3, false), (2, true)], lowersSatisfaction: true)!;

        Assert.Equal(3, effect.Threshold);
        Assert.Equal(1, effect.AdverseRows);
    }

    [Fact]
    public void Derive_AnIntervalTouchingZero_IsNoRecommendation()
    {
        var touching = new DriverEffect("late", 0.5, true, 30, 70, 0.4, 0.8, 0.4, 0, 0.8, 0.5, 12);

        Assert.Empty(Recommendations.Derive([touching], [], responses: 100, DriverLabels.Known));
    }
}
