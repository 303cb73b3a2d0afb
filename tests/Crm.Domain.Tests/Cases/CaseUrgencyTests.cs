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
    public void IsSortKey_AcceptsOnlyItsOwnShape(string value, bool expected) =>
        Assert.Equal(expected, CaseUrgency.IsSortKey(value));
}
