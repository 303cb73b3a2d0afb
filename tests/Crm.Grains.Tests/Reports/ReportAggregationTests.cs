using System.Collections.Immutable;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;
using Crm.Grains.Tests.Cases;

namespace Crm.Grains.Tests.Reports;

/// <summary>Aggregates fed from the case outbox: exact under redelivery, late events in their own day, reconciled.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReportAggregationTests(ClusterFixture fixture)
{
    private const string Shanghai = "Asia/Shanghai";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ITenantReportsGrain Reports(CaseDesk desk) => fixture.Client.GetGrain<ITenantReportsGrain>(desk.TenantId);

    private static async Task<CaseDesk> ShanghaiDeskAsync(IClusterClient client, TimeSpan? firstResponse = null)
    {
        var desk = await CaseDesk.CreateAsync(client);
        await desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(firstResponse ?? TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.5, new SlaCalendarView(Shanghai, [], [])),
            "admin");
        return desk;
    }

    private static string ThisMonth() =>
        ReportPeriod.Containing(ReportPeriodKind.Month, ReportClock.DayOf(DateTimeOffset.UtcNow, ReportClock.Zone(Shanghai))).ToString();

    private static CaseFact Fact(string caseId, long sequence, DateTimeOffset at, CaseEventType type = CaseEventType.Opened) =>
        new(caseId, sequence, at, type, CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", CaseStatus.New, EnteredBacklog: true);

    [Fact]
    public async Task CaseEvents_ReachTheDayAggregate_ThroughTheOutbox()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);
        var month = ThisMonth();
        var a = await desk.OpenAsync(desk.Report(kind: CaseKind.Complaint, category: "other"));
        var b = await desk.OpenAsync(desk.Report(kind: CaseKind.Inquiry, severity: CaseSeverity.Major));
        await desk.Case(a.CaseId).ReplyAsync("We are on it.", CaseAction.StartWork, "agent-1");
        await desk.Case(a.CaseId).ApplyAsync(CaseAction.Resolve, null, "agent-1");
        await desk.Case(b.CaseId).EscalateAsync("Customer is a key account.", "agent-1");

        var period = await CaseDesk.EventuallyAsync(() => Reports(desk).GetPeriodAsync(month), p => p.Aggregate.Facts >= 7, Patience);
        var agg = period.Aggregate;

        Assert.Equal(Shanghai, period.TimeZoneId);
        Assert.Equal(month, period.Period);
        Assert.Equal(2, agg.Opened);
        Assert.Equal(1, agg.OpenedByKind[CaseKind.Complaint]);
        Assert.Equal(1, agg.OpenedByKind[CaseKind.Inquiry]);
        Assert.Equal(1, agg.OpenedBySeverity[CaseSeverity.Major]);
        Assert.Equal(2, agg.OpenedByChannel[CaseChannel.Chat]);
        Assert.Equal(1, agg.OpenedByCategory["other"]);
        Assert.Equal(1, agg.OpenedByCategory["logistics-delivery"]);
        Assert.Equal(1, agg.FirstResponseSla.Met);
        Assert.Equal(1, agg.ResolutionSla.Met);
        Assert.Equal(1, agg.FirstResponseTimes.CountBelow(TimeSpan.FromHours(2)));
        Assert.Equal(1, agg.ResolutionTimes.CountBelow(TimeSpan.FromHours(4)));
        Assert.Equal(1, agg.Escalated);
        Assert.Equal(2, agg.BacklogIn);
        Assert.Equal(1, agg.BacklogOut);
        Assert.Equal(1, agg.EnteredStatus[CaseStatus.Resolved]);
        Assert.Equal(7, agg.Facts); // two openings, the reply taking case a, the reply, two status changes, an escalation
    }

    [Fact]
    public async Task Backlog_AtThePeriodsEnd_ComesFromTheDayAggregates_ByAgeBand()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);
        var month = ThisMonth();
        var a = await desk.OpenAsync(desk.Report());
        var b = await desk.OpenAsync(desk.Report());
        var c = await desk.OpenAsync(desk.Report());
        await desk.Case(c.CaseId).ApplyAsync(CaseAction.Resolve, null, "agent-1");
        await CaseDesk.EventuallyAsync(() => Reports(desk).GetPeriodAsync(month), p => p.Aggregate.BacklogOut == 1 && p.Aggregate.BacklogIn == 3, Patience);

        // The month is in progress: counted now, every case minutes old.
        var now = await Reports(desk).GetBacklogAsync(month);
        Assert.Equal(2, now.Count(BacklogAgeBand.UpTo2Hours));
        Assert.Equal(2, now.Open);

        // A case opened four days before the month's end, still open at it, from a day grain in Azurite.
        var zone = ReportClock.Zone(Shanghai);
        var end = ReportPeriod.Parse("2026-10").EndsAt(zone);
        var opened = end.AddDays(-4);
        await Reports(desk).RecordCaseAsync(Fact("old-open", 1, opened) with { OpenedAt = opened });
        await Reports(desk).RecordCaseAsync(Fact("old-shut", 1, opened) with { OpenedAt = opened });
        await Reports(desk).RecordCaseAsync(Fact("old-shut", 2, end.AddHours(-1), CaseEventType.StatusChanged) with
        {
            EnteredStatus = CaseStatus.Resolved, EnteredBacklog = false, LeftBacklog = true, OpenedAt = opened,
        });
        await Reports(desk).RecordCaseAsync(Fact("late-shut", 1, end.AddHours(-3)) with { OpenedAt = end.AddHours(-3) });
        await Reports(desk).RecordCaseAsync(Fact("late-shut", 2, end.AddHours(1), CaseEventType.StatusChanged) with
        {
            EnteredStatus = CaseStatus.Resolved, EnteredBacklog = false, LeftBacklog = true, OpenedAt = end.AddHours(-3),
        });
        var october = await Reports(desk).GetBacklogAsync("2026-10");
        Assert.Equal(end, october.At);
        Assert.Equal(1, october.Count(BacklogAgeBand.Over3Days));
        Assert.Equal(1, october.Count(BacklogAgeBand.UpTo4Hours));
        Assert.Equal(2, october.Open);
    }

    [Fact]
    public async Task RepeatedFact_IsCountedOnce()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);
        var at = DateTimeOffset.UtcNow;
        var fact = Fact("dup-case", 1, at);
        var day = fixture.Client.GetGrain<IReportDayGrain>(ReportKeys.Day(desk.TenantId, ReportClock.DayOf(at, ReportClock.Zone(Shanghai))));

        Assert.True(await day.RecordCaseAsync(fact));
        Assert.False(await day.RecordCaseAsync(fact));
        await Reports(desk).RecordCaseAsync(fact);
        await Reports(desk).RecordCaseAsync(fact with { Sequence = 2, Type = CaseEventType.NoteAdded });

        var agg = await day.GetAsync();
        Assert.Equal(2, agg.Facts);
        Assert.Equal(1, agg.Opened);
    }

    [Fact]
    public async Task LateFact_LandsInTheLocalDayItHappened()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);

        // 17:30 UTC on 30 November is 01:30 on 1 December in Shanghai.
        await Reports(desk).RecordCaseAsync(Fact("late-case", 1, new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero)));
        await Reports(desk).RecordCaseAsync(Fact("late-case-2", 1, new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero)));

        Assert.Equal(1, (await Reports(desk).GetPeriodAsync("2026-12-01")).Aggregate.Opened);
        Assert.Equal(1, (await Reports(desk).GetPeriodAsync("2026-11-30")).Aggregate.Opened);
        Assert.Equal(1, (await Reports(desk).GetPeriodAsync("2026-11")).Aggregate.Opened);
        Assert.Equal(1, (await Reports(desk).GetPeriodAsync("2026-12")).Aggregate.Opened);
        Assert.Equal(2, (await Reports(desk).GetPeriodAsync("2026-W49")).Aggregate.Opened);
        var q4 = await Reports(desk).GetPeriodAsync("2026-Q4");
        Assert.Equal(2, q4.Aggregate.Opened);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), q4.From.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), q4.To.ToUniversalTime());
    }

    [Fact]
    public async Task SurveyResponse_IsCountedOnce_InItsDay()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);
        var response = new SurveyFact("resp-1", new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), 5, 10,
            ImmutableDictionary<string, double>.Empty.Add("speed", 4), ImmutableDictionary<string, double>.Empty.Add("sentiment-v1", 0.9));
        await Reports(desk).RecordSurveyAsync(response);
        await Reports(desk).RecordSurveyAsync(response);

        var agg = (await Reports(desk).GetPeriodAsync("2026-11-02")).Aggregate;
        Assert.Equal(1, agg.Surveys.Responses);
        Assert.Equal(100, agg.Surveys.Nps);
        Assert.Equal(5, agg.Surveys.Csat.Mean);
        Assert.Equal(0.9, agg.Surveys.ModelScores["sentiment-v1"].Mean);
        await Assert.ThrowsAsync<ValidationFailedException>(() => Reports(desk).RecordSurveyAsync(response with { ResponseId = " " }));
    }

    [Fact]
    public async Task Period_NotAnId_IsRefused()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Reports(desk).GetPeriodAsync("2026-13"));
        Assert.Contains(ex.Errors, e => e.Field == "period");
        await Assert.ThrowsAsync<ValidationFailedException>(() => Reports(desk).ReconcileAsync("last month"));
    }

    [Fact]
    public async Task Reconcile_AStrayFact_IsReportedAsADifference()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client);
        var month = ThisMonth();
        var view = await desk.OpenAsync();
        await desk.Case(view.CaseId).ReplyAsync("Hello.", null, "agent-1");
        var clean = await CaseDesk.EventuallyAsync(() => Reports(desk).ReconcileAsync(month), r => r.Agrees, Patience);
        Assert.True(clean.Agrees);
        Assert.Equal(1, clean.CasesRead);

        await Reports(desk).RecordCaseAsync(Fact("no-such-case", 1, DateTimeOffset.UtcNow));
        var dirty = await Reports(desk).ReconcileAsync(month);

        Assert.False(dirty.Agrees);
        Assert.Contains(dirty.Differences, d => d is { Field: "Opened", Recomputed: "1", Aggregated: "2" });
        Assert.Contains(dirty.Differences, d => d.Field == "OpenedByCategory[other]");
    }

    /// <summary>
    /// A mixed workload: every kind of step, answers to report writes lost (so the outbox sends again), SLA alerts
    /// raised by reminders, and every silo restarted in the middle. Afterwards the aggregates equal what the stored
    /// histories say.
    /// </summary>
    [Fact]
    public async Task MixedWorkload_WithLostAnswersAndARestart_ReconcilesExactly()
    {
        var desk = await ShanghaiDeskAsync(fixture.Client, firstResponse: TimeSpan.FromSeconds(3));
        var month = ThisMonth();
        fixture.ReportDays.LoseAnswers(desk.TenantId, 6);
        var cases = new List<string>();
        var channels = Enum.GetValues<CaseChannel>();
        for (var i = 0; i < 10; i++)
        {
            var report = desk.Report(kind: (CaseKind)(i % 3), severity: i % 4 == 0 ? CaseSeverity.Major : CaseSeverity.Normal,
                category: i % 2 == 0 ? "other" : "logistics-delivery") with { Channel = channels[i % channels.Length] };
            if (report.Kind == CaseKind.AfterSales)
            {
                report = report with { AfterSalesType = AfterSalesType.Refund, OrderReference = $"order-{i}" };
            }

            cases.Add((await desk.OpenAsync(report)).CaseId);
        }

        ICaseGrain C(int i) => desk.Case(cases[i]);
        await C(0).ReplyAsync("Looking.", CaseAction.StartWork, "agent-1");
        await C(0).ApplyAsync(CaseAction.Resolve, "Refunded.", "agent-1");
        await C(1).ApplyAsync(CaseAction.WaitOnCustomer, "Which order?", "agent-1");
        await C(2).ApplyAsync(CaseAction.Acknowledge, null, "agent-1");
        await C(3).EscalateAsync("VIP.", "agent-1");
        await C(4).ChangeDetailsAsync(CaseSeverity.Normal, "logistics-delivery", "lead");

        // Every silo restarts with deliveries possibly in flight.
        await fixture.RestartClusterAsync();
        desk = new CaseDesk(fixture.Client, desk.TenantId, desk.CustomerId);
        fixture.ReportDays.LoseAnswers(desk.TenantId, 4);

        await C(1).ReceiveCustomerMessageAsync("Order 42.", "customer");
        await C(1).ApplyAsync(CaseAction.Resolve, null, "agent-1");
        await C(0).ReceiveCustomerMessageAsync("Still broken.", "customer"); // reopens
        await C(0).ApplyAsync(CaseAction.Resolve, null, "agent-1");
        await C(0).ApplyAsync(CaseAction.Close, null, "agent-1");
        await C(5).AddNoteAsync("Called the courier.", "agent-1");
        await C(6).MergeIntoAsync(cases[7], "agent-1");
        await C(2).ChangeDetailsAsync(null, "logistics-delivery", "lead");
        await C(2).ReplyAsync("Sorted.", CaseAction.Resolve, "agent-1");

        // Cases 3-9 stay unanswered past the 3 s first-response target: reminders raise warnings and breaches.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Task.WhenAll(cases.Select(id => desk.Case(id).GetAsync()));

        var result = await CaseDesk.EventuallyAsync(() => Reports(desk).ReconcileAsync(month), r => r.Agrees, Patience);

        Assert.True(result.Agrees, string.Join("\n", result.Differences));
        Assert.Equal(10, result.CasesRead);
        Assert.True(fixture.ReportDays.Lost.GetValueOrDefault(desk.TenantId) > 0, "No answer was lost: the test proved nothing about redelivery.");
        var agg = (await Reports(desk).GetPeriodAsync(month)).Aggregate;
        Assert.Equal(10, agg.Opened);
        Assert.Equal(result.FactsInPeriod, agg.Facts);
        Assert.Equal(1, agg.Reopened);
        Assert.Equal(1, agg.Merged);
        Assert.Equal(2, agg.Retriaged);
        Assert.True(agg.FirstResponseSla.Breached >= 1);
        var breaches = await Reports(desk).GetBreachesAsync(month);
        Assert.Equal(agg.FirstResponseSla.Breached + agg.ResolutionSla.Breached + agg.MajorResolutionSla.Breached, breaches.Length);
        Assert.All(breaches, b => Assert.Contains(b.CaseId, cases));
    }
}
