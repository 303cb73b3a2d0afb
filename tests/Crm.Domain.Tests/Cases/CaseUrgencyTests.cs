using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Tests.Cases;

public sealed class CaseUrgencyTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static SlaReport Measure(SlaTimeline timeline, DateTimeOffset now) =>
        SlaClock.Evaluate(SlaPolicy.Default, timeline, now);

    [Fact]
    public void Of_Unanswered_ChasesTheFirstResponse()
    {
        var urgency = CaseUrgency.Of(CaseStatus.New, Measure(new SlaTimeline(Opened, CaseSeverity.Normal, 1), Opened))!;

        Assert.Equal((SlaTarget.FirstResponse, Opened.AddHours(2), false), (urgency.Target, urgency.DueAt, urgency.Paused));
    }

    [Fact]
    public void Of_Answered_ChasesTheResolution()
    {
        var timeline = new SlaTimeline(Opened, CaseSeverity.Major, 1).Respond(Opened.AddMinutes(10));

        var urgency = CaseUrgency.Of(CaseStatus.InProgress, Measure(timeline, Opened.AddHours(1)))!;

        Assert.Equal((SlaTarget.Resolution, Opened.AddHours(24)), (urgency.Target, urgency.DueAt));
    }

    [Fact]
    public void Of_ResolvedOrClosed_LeavesTheQueue()
    {
        var timeline = new SlaTimeline(Opened, CaseSeverity.Normal, 1).Resolve(Opened.AddHours(1));

        Assert.Null(CaseUrgency.Of(CaseStatus.Resolved, Measure(timeline, Opened.AddHours(1))));
        Assert.Null(CaseUrgency.Of(CaseStatus.Closed, Measure(timeline, Opened.AddHours(1))));
    }

    [Fact]
    public void SortKey_OverdueFirst_ThenSoonest_ThenPausedByTimeLeft()
    {
        var now = Opened.AddHours(3);
        var overdue = CaseUrgency.Of(CaseStatus.New, Measure(new SlaTimeline(Opened, CaseSeverity.Normal, 1), now))!;
        var fresh = CaseUrgency.Of(CaseStatus.New, Measure(new SlaTimeline(now, CaseSeverity.Normal, 1), now))!;
        var pausedLittleLeft = CaseUrgency.Of(CaseStatus.WaitingOnCustomer,
            Measure(new SlaTimeline(Opened, CaseSeverity.Normal, 1).Respond(Opened).Pause(Opened.AddHours(3.5)), now.AddHours(1)))!;
        var pausedMuchLeft = CaseUrgency.Of(CaseStatus.WaitingOnCustomer,
            Measure(new SlaTimeline(Opened, CaseSeverity.Normal, 1).Respond(Opened).Pause(Opened.AddMinutes(5)), now.AddHours(1)))!;

        var keys = new[] { ("paused-much", pausedMuchLeft), ("fresh", fresh), ("paused-little", pausedLittleLeft), ("overdue", overdue) }
            .Select(p => (p.Item1, Key: p.Item2.SortKey(p.Item1)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Item1);

        Assert.Equal(["overdue", "fresh", "paused-little", "paused-much"], keys);
        Assert.True(pausedLittleLeft.Paused);
    }

    [Theory]
    [InlineData("00639000000000000000_abc", true)]
    [InlineData("10000000000000000000_a-b_C", true)]
    [InlineData("2000000000000000000_abc", false)]
    [InlineData("' or true", false)]
    [InlineData("00639000000000000000_", false)]
    [InlineData("00639000000000000000_abc\n", false)]
    [InlineData(null, false)]
    public void IsSortKey_AcceptsOnlyItsOwnShape(string? value, bool expected) =>
        Assert.Equal(expected, CaseUrgency.IsSortKey(value));

    // Resolution due within the hour, first response within two: the resolution deadline comes first.
    private static readonly SlaPolicy ShortResolution = SlaPolicy.Default with { Resolution = TimeSpan.FromHours(1) };

    [Fact]
    public void Of_UnansweredWithAnEarlierResolutionDeadline_ChasesTheResolution()
    {
        var report = SlaClock.Evaluate(ShortResolution, new SlaTimeline(Opened, CaseSeverity.Normal, 1), Opened.AddMinutes(50));

        var urgency = CaseUrgency.Of(CaseStatus.New, report)!;

        Assert.Equal(
            (SlaTarget.Resolution, Opened.AddHours(1), SlaStatus.Warning, false, TimeSpan.FromMinutes(10)),
            (urgency.Target, urgency.DueAt, urgency.Status, urgency.Paused, urgency.Left));
    }

    [Fact]
    public void Of_UnansweredWithEqualDeadlines_ChasesTheFirstResponse()
    {
        var policy = SlaPolicy.Default with { Resolution = SlaPolicy.Default.FirstResponse };

        var urgency = CaseUrgency.Of(CaseStatus.New, SlaClock.Evaluate(policy, new SlaTimeline(Opened, CaseSeverity.Normal, 1), Opened))!;

        Assert.Equal((SlaTarget.FirstResponse, Opened.AddHours(2)), (urgency.Target, urgency.DueAt));
    }

    [Fact]
    public void Of_UnansweredWhileWaitingOnTheCustomer_ChasesTheRunningFirstResponse()
    {
        // The resolution clock stands still (provisional deadline 1h15 after the pause) while the first response runs on.
        var timeline = new SlaTimeline(Opened, CaseSeverity.Normal, 1).Pause(Opened);
        var report = SlaClock.Evaluate(ShortResolution, timeline, Opened.AddMinutes(15));

        var urgency = CaseUrgency.Of(CaseStatus.WaitingOnCustomer, report)!;

        Assert.True(report.Resolution.DueAt < report.FirstResponse.DueAt);
        Assert.Equal(
            (SlaTarget.FirstResponse, Opened.AddHours(2), SlaStatus.Pending, false),
            (urgency.Target, urgency.DueAt, urgency.Status, urgency.Paused));
    }

    [Fact]
    public void Of_AnsweredAndWaitingOnTheCustomer_IsPausedWithItsTimeLeft()
    {
        var timeline = new SlaTimeline(Opened, CaseSeverity.Normal, 1).Respond(Opened).Pause(Opened.AddHours(1));

        var urgency = CaseUrgency.Of(CaseStatus.WaitingOnCustomer, Measure(timeline, Opened.AddHours(2)))!;

        Assert.Equal(
            (SlaTarget.Resolution, true, TimeSpan.FromHours(3), SlaStatus.Pending),
            (urgency.Target, urgency.Paused, urgency.Left, urgency.Status));
    }

    [Theory]
    [InlineData(CaseStatus.New)]
    [InlineData(CaseStatus.Acknowledged)]
    [InlineData(CaseStatus.InProgress)]
    [InlineData(CaseStatus.WaitingOnCustomer)]
    [InlineData(CaseStatus.Reopened)]
    public void Of_OpenStatus_StaysInTheQueue(CaseStatus status) =>
        Assert.NotNull(CaseUrgency.Of(status, Measure(new SlaTimeline(Opened, CaseSeverity.Normal, 1), Opened)));

    [Fact]
    public void SortKey_Running_IsZeroTheDeadlineTicksAndTheCaseId()
    {
        var urgency = new CaseUrgency(Opened, SlaTarget.FirstResponse, SlaStatus.Pending, false, TimeSpan.FromHours(1));

        Assert.Equal("0" + Opened.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_c-1", urgency.SortKey("c-1"));
        Assert.True(CaseUrgency.IsSortKey(urgency.SortKey("c-1")));
    }

    [Fact]
    public void SortKey_Paused_IsOneTheShiftedTimeLeftAndTheCaseId()
    {
        var urgency = new CaseUrgency(Opened, SlaTarget.Resolution, SlaStatus.Pending, true, TimeSpan.FromHours(-1));

        var shifted = TimeSpan.FromDays(3650).Ticks - TimeSpan.FromHours(1).Ticks;
        Assert.Equal("1" + shifted.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_c-1", urgency.SortKey("c-1"));
        Assert.True(CaseUrgency.IsSortKey(urgency.SortKey("c-1")));
    }

    [Fact]
    public void SortKey_PausedCases_SortByTimeLeftWhateverTheirIds()
    {
        // Ids in the opposite order to the time left, so only the time left can put them right; overdue before due.
        var overdue = new CaseUrgency(Opened, SlaTarget.Resolution, SlaStatus.Breached, true, TimeSpan.FromMinutes(-5));
        var little = new CaseUrgency(Opened, SlaTarget.Resolution, SlaStatus.Warning, true, TimeSpan.FromMinutes(5));
        var much = new CaseUrgency(Opened, SlaTarget.Resolution, SlaStatus.Pending, true, TimeSpan.FromHours(3));

        var keys = new[] { ("a", much), ("b", little), ("c", overdue) }
            .OrderBy(p => p.Item2.SortKey(p.Item1), StringComparer.Ordinal).Select(p => p.Item1);

        Assert.Equal(["c", "b", "a"], keys);
    }

    [Fact]
    public void SortKey_BeforeYearOne_ClampsToZero() =>
        Assert.StartsWith(
            "1" + new string('0', 19) + "_",
            new CaseUrgency(Opened, SlaTarget.Resolution, SlaStatus.Breached, true, TimeSpan.FromDays(-4000)).SortKey("x"));
}
