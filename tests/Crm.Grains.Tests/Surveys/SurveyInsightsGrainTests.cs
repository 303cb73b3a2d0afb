using System.Collections.Immutable;
using Crm.Contracts.Surveys;
using Crm.Domain.Cases;
using Crm.Domain.Localization;
using Crm.Domain.Surveys;
using Crm.Grains.Tests.Cases;
using Orleans.Core.Internal;

namespace Crm.Grains.Tests.Surveys;

/// <summary>Insights on hand-written responses where the answer is known, through the real grains and Azurite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SurveyInsightsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Insights_BreachedCasesRatedLow_SlaBreachIsTheTopDriverAndARecommendation()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync(BreachWorkload(desk), dryRun: false, "platform");

        var insights = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.English);

        Assert.True(insights.Enough);
        Assert.Equal(120, insights.Responses);
        Assert.Equal("permutation-feature-importance", insights.Method);
        var top = insights.Drivers[0];
        Assert.Equal("slaBreached", top.Driver);
        Assert.True(top.Significant);
        Assert.Equal("SLA breaches", top.Label);
        Assert.True(top.Effect!.Low > 0.3, $"effect interval {top.Effect.Low}..{top.Effect.High}");
        Assert.Equal(40, top.Effect.AdverseRows);
        var first = insights.Recommendations[0];
        Assert.Equal(("Driver", "slaBreached", 1), (first.Kind, first.Subject, first.Rank));
        Assert.Contains("SLA breaches", first.Text);
        Assert.Equal(120, first.N);
        // The speed rating was given at random: it drives nothing.
        Assert.DoesNotContain(insights.Drivers, d => d.Driver == "rating.response-speed" && d.Significant);
    }

    [Fact]
    public async Task Insights_InChinese_RecommendationAndLabelsInChinese()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync(BreachWorkload(desk), dryRun: false, "platform");

        var insights = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.Chinese);

        Assert.Equal("超出 SLA 时限", insights.Drivers[0].Label);
        Assert.StartsWith("改善超出 SLA 时限", insights.Recommendations[0].Text);
    }

    [Fact]
    public async Task Insights_LogisticsComplaintsAmongDetractors_ALogisticsThemeWithExamples()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var slow = new[] { "物流太慢了", "物流太慢，等了一个星期", "物流太慢，包装也破了", "物流太慢，客服也不回", "物流太慢！！", "物流太慢了，很失望" };
        var happy = new[] { "客服很耐心，谢谢", "态度很好", "很满意，解决得很快", "服务周到", "问题很快解决了", "非常满意" };
        var batch = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? Row(desk, $"s{i}", csat: 1 + (i / 2 % 2), comment: slow[i / 2 % slow.Length])
            : Row(desk, $"h{i}", csat: 5 - (i / 2 % 2), comment: happy[i / 2 % happy.Length])).ToImmutableArray();
        await desk.Results().RecordAsync(batch, dryRun: false, "platform");

        var insights = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.Chinese);

        var theme = Assert.Single(insights.Themes, t => t.Term == "物流");
        Assert.Equal(30, theme.Detractors);
        Assert.Equal(0, theme.Satisfied);
        Assert.Equal(1.0, theme.ShareOfDetractors);
        Assert.InRange(theme.Examples.Length, 1, 3);
        Assert.All(theme.Examples, e => Assert.Contains("物流", e));
        Assert.Contains(insights.Recommendations, r => r.Kind == "Theme" && r.Subject == "物流" && r.Text.Contains("“物流”"));
        Assert.True(insights.Tones.Dissatisfied > 0);
    }

    [Fact]
    public async Task Insights_TooFewResponses_SaysSoAndInventsNothing()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync([.. BreachWorkload(desk).Take(20)], dryRun: false, "platform");

        var insights = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.English);

        Assert.False(insights.Enough);
        Assert.Equal(20, insights.Responses);
        Assert.Equal(30, insights.MinResponses);
        Assert.Empty(insights.Drivers);
        Assert.Empty(insights.Themes);
        Assert.Empty(insights.Recommendations);
        Assert.Null(insights.ModelAuc);
    }

    [Fact]
    public async Task Insights_ResponsesArrive_TheResultIsComputedAndStoredWithoutAnyViewAsking()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);

        await desk.Results().RecordAsync(BreachWorkload(desk), dryRun: false, "platform");

        var stored = await CaseDesk.EventuallyAsync(() => Insights(desk).GetStoredInsightsAsync(Languages.English), v => v is not null, TimeSpan.FromMinutes(3));
        Assert.True(stored!.Enough);
        Assert.Equal(120, stored.Responses);
        Assert.Equal("slaBreached", stored.Drivers[0].Driver);
        Assert.Equal("超出 SLA 时限", (await Insights(desk).GetStoredInsightsAsync(Languages.Chinese))!.Drivers[0].Label);
    }

    [Fact]
    public async Task Insights_MoreResponses_TheLastResultIsServedAtOnceAsRecomputing_ThenTheNewOne()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var workload = BreachWorkload(desk);
        await desk.Results().RecordAsync([.. workload.Take(100)], dryRun: false, "platform");
        var first = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.English);

        await desk.Results().RecordAsync([.. workload.Skip(100)], dryRun: false, "platform");
        var during = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.Chinese);
        var after = await CaseDesk.EventuallyAsync(
            () => Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.English), v => v.Responses == 120 && !v.Recomputing, TimeSpan.FromMinutes(3));

        Assert.Equal(100, first.Responses);
        Assert.False(first.Recomputing);
        Assert.Equal((100, first.ComputedAt, true), (during.Responses, during.ComputedAt, during.Recomputing));
        Assert.True(after.ComputedAt > first.ComputedAt);
    }

    [Fact]
    public async Task Insights_NewActivation_ServesTheStoredResultAtOnce()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync(BreachWorkload(desk), dryRun: false, "platform");
        var stored = await CaseDesk.EventuallyAsync(() => Insights(desk).GetStoredInsightsAsync(Languages.English), v => v is not null, TimeSpan.FromMinutes(3));

        await Insights(desk).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var served = await CaseDesk.EventuallyAsync(
            () => Insights(desk).GetInsightsAsync(new SurveyResultsQuery(), Languages.English), v => v.ComputedAt == stored!.ComputedAt, TimeSpan.FromSeconds(30));

        Assert.Equal((120, false, false), (served.Responses, served.Recomputing, served.Pending));
        Assert.Equal(stored!.Drivers.Select(d => d.Driver), served.Drivers.Select(d => d.Driver));
    }

    [Fact]
    public async Task Insights_FilteredByChannel_OnlyThatChannelsResponses()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync(BreachWorkload(desk), dryRun: false, "platform");

        var insights = await Insights(desk).GetInsightsAsync(new SurveyResultsQuery(Channel: CaseChannel.Chat), Languages.English);

        Assert.Equal(60, insights.Responses);
    }

    private ISurveyInsightsGrain Insights(SurveyDesk desk) => fixture.Client.GetGrain<ISurveyInsightsGrain>(SurveyKey.Format(desk.TenantId, SurveyDesk.SurveyId));

    /// <summary>
    /// 120 responses: a third of the cases breached their SLA and were rated 1-2 (one in eight still 4), the rest rated
    /// 4-5 (one in eight 2); first-response times, the speed rating and the channel drawn at random, so they drive nothing.
    /// </summary>
    private static ImmutableArray<ResponseInput> BreachWorkload(SurveyDesk desk)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, 120).Select(i =>
        {
            var breached = i % 3 == 0;
            var odd = random.Next(8) == 0;
            var csat = breached ? (odd ? 4 : 1 + random.Next(2)) : (odd ? 2 : 4 + random.Next(2));
            var facts = new CaseFacts($"case-{i}", CaseKind.Complaint, CaseSeverity.Normal, "logistics", i % 2 == 0 ? CaseChannel.Chat : CaseChannel.Email, "agent-1",
                TimeSpan.FromMinutes(5 + random.Next(120)), TimeSpan.FromHours(1 + random.Next(8)), SlaMet: !breached, ReopenCount: null, DateTimeOffset.UtcNow.AddHours(-2));
            return Row(desk, $"b{i}", csat, speed: 1 + random.Next(5), facts: facts);
        })];
    }

    private static ResponseInput Row(SurveyDesk desk, string id, int csat, int? speed = null, string? comment = null, CaseFacts? facts = null) =>
        new(id, desk.CustomerIds[0], DateTimeOffset.UtcNow.AddMinutes(-1),
            new AnswersInput(csat, speed is { } s ? ImmutableDictionary<string, int>.Empty.Add("response-speed", s) : null, null, null, comment),
            Source: SurveySource.Platform, Case: facts);
}
