using Crm.Domain.Cases;
using Crm.Domain.Sla;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Policy = SlaPolicy.Default;
    private static readonly SlaTimeline Opened = new(T0, CaseSeverity.Normal, Policy.Version);

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    // Tuesday 24 November 2026, Shanghai office hours Mon-Fri 09:00-18:00.
    private static readonly SlaPolicy Office = SlaPolicy.Default with
    {
        Version = 3,
        Calendar = SlaCalendar.Weekdays("Asia/Shanghai", [(TimeSpan.FromHours(9), TimeSpan.FromHours(18))]),
    };

    private static DateTimeOffset H(double hours) => T0.AddHours(hours);

    private static SlaReport At(SlaTimeline timeline, double hours, SlaPolicy? policy = null) =>
        SlaClock.Evaluate(policy ?? Policy, timeline, H(hours));

    [Theory]
    [InlineData(30, SlaStatus.Met)]
    [InlineData(119, SlaStatus.Met)]
    [InlineData(120, SlaStatus.MetLate)]
    [InlineData(180, SlaStatus.MetLate)]
    public void Evaluate_FirstResponse_MetBeforeTheDeadlineLateFromIt(int respondedAfterMinutes, SlaStatus expected)
    {
        var respondedAt = T0.AddMinutes(respondedAfterMinutes);
        var report = At(Opened.Respond(respondedAt), 10);

        Assert.Equal(expected, report.FirstResponse.Status);
        Assert.Equal(TimeSpan.FromMinutes(120 - respondedAfterMinutes), report.FirstResponse.Left);
        Assert.Equal(respondedAt, report.FirstResponse.CompletedAt);
    }

    [Theory]
    [InlineData(0, SlaStatus.Pending)]
    [InlineData(89, SlaStatus.Pending)]
    [InlineData(90, SlaStatus.Warning)]
    [InlineData(119, SlaStatus.Warning)]
    [InlineData(120, SlaStatus.Breached)]
    [InlineData(1800, SlaStatus.Breached)]
    public void Evaluate_NoResponse_WarnsAt75PercentAndBreachesAtTheDeadline(int nowMinutes, SlaStatus expected)
    {
        var report = SlaClock.Evaluate(Policy, Opened, T0.AddMinutes(nowMinutes));

        Assert.Equal(expected, report.FirstResponse.Status);
        Assert.Equal(H(1.5), report.FirstResponse.WarningAt);
        Assert.Equal(H(2), report.FirstResponse.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(120 - nowMinutes), report.FirstResponse.Left);
    }

    [Fact]
    public void Evaluate_NormalAndMajor_GetTheirOwnResolutionTargets()
    {
        var normal = At(Opened, 0).Resolution;
        var major = At(Opened with { Severity = CaseSeverity.Major }, 0).Resolution;

        Assert.Equal((H(3), H(4)), (normal.WarningAt, normal.DueAt));
        Assert.Equal((H(18), H(24)), (major.WarningAt, major.DueAt));
        Assert.Equal(SlaStatus.Breached, At(Opened, 5).Resolution.Status);
        Assert.Equal(SlaStatus.Pending, At(Opened with { Severity = CaseSeverity.Major }, 5).Resolution.Status);
    }

    [Fact]
    public void Evaluate_PauseWaitingOnCustomer_ShiftsResolutionButNotFirstResponse()
    {
        var timeline = Opened.Respond(H(0.5)).Pause(H(1)).Resume(H(3.5));

        var report = At(timeline, 4);

        Assert.Equal(H(2), report.FirstResponse.DueAt);
        Assert.Equal(H(6.5), report.Resolution.DueAt);
        Assert.Equal(H(5.5), report.Resolution.WarningAt);
        Assert.Equal(TimeSpan.FromHours(2.5), report.Resolution.Left);
        Assert.Equal(SlaStatus.Pending, report.Resolution.Status);
    }

    [Fact]
    public void Evaluate_WaitingOnCustomerBeforeAnyResponse_FirstResponseClockKeepsRunning()
    {
        var report = At(Opened.Pause(H(0.5)).Resume(H(3)), 2.5);

        Assert.Equal(H(2), report.FirstResponse.DueAt);
        Assert.Equal(SlaStatus.Breached, report.FirstResponse.Status);
        Assert.Equal(H(6.5), report.Resolution.DueAt);
    }

    [Fact]
    public void Evaluate_PauseOverNightInBusinessHours_ShiftsByThePausedWorkingTimeOnly()
    {
        // Opened Tue 09:00, waiting on the customer from Tue 11:00 to Wed 10:00: 8h of office time (7h + 1h),
        // although 23h passed. 2h used before, 2h left from Wed 10:00: due Wed 12:00.
        var opened = new DateTimeOffset(2026, 11, 24, 9, 0, 0, Cst);
        var pauseStart = opened.AddHours(2);
        var pauseEnd = new DateTimeOffset(2026, 11, 25, 10, 0, 0, Cst);
        var timeline = new SlaTimeline(opened, CaseSeverity.Normal, Office.Version).Respond(opened.AddMinutes(10))
            .Pause(pauseStart).Resume(pauseEnd);

        var report = SlaClock.Evaluate(Office, timeline, pauseEnd);

        var unpaused = Office.Calendar.Add(opened, Office.Resolution);
        var paused = Office.Calendar.WorkingTimeBetween(pauseStart, pauseEnd);
        Assert.Equal(TimeSpan.FromHours(8), paused);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 0, Cst), report.Resolution.DueAt);
        Assert.Equal(Office.Calendar.Add(unpaused, paused), report.Resolution.DueAt);
        Assert.Equal(TimeSpan.FromHours(2), report.Resolution.Left);
    }

    [Fact]
    public void Evaluate_StillWaitingOnCustomer_FreezesTheClock()
    {
        var timeline = Opened.Respond(H(0.5)).Pause(H(3.5));

        var early = At(timeline, 5);
        var late = At(timeline, 50);

        Assert.True(early.Resolution.IsPaused);
        Assert.Equal(SlaStatus.Warning, late.Resolution.Status);
        Assert.Equal(TimeSpan.FromHours(0.5), late.Resolution.Left);
        Assert.Equal(H(3), late.Resolution.WarningAt);
        Assert.Equal(H(50.5), late.Resolution.DueAt); // provisional: as if the customer replied now
        Assert.Null(late.NextDueAt);
    }

    [Fact]
    public void Evaluate_PauseAfterTheBreach_DoesNotLiftIt()
    {
        var timeline = Opened.Respond(H(0.5)).Pause(H(5)).Resume(H(8));

        var report = At(timeline, 9);

        Assert.Equal(H(4), report.Resolution.DueAt);
        Assert.Equal(SlaStatus.Breached, report.Resolution.Status);
        Assert.Equal(TimeSpan.FromHours(-2), report.Resolution.Left);
    }

    [Fact]
    public void Evaluate_ResolvedFromNew_CountsAsFirstResponseToo()
    {
        var report = At(Opened.Resolve(H(1)), 2);

        Assert.Equal(SlaStatus.Met, report.FirstResponse.Status);
        Assert.Equal(SlaStatus.Met, report.Resolution.Status);
        Assert.Equal(H(1), report.FirstResponse.CompletedAt);
        Assert.Null(report.NextDueAt);
    }

    [Fact]
    public void Evaluate_ResolvedWhileWaiting_EndsThePause()
    {
        var report = At(Opened.Respond(H(0.5)).Pause(H(1)).Resolve(H(20)), 21);

        Assert.False(report.Resolution.IsPaused);
        Assert.Equal(SlaStatus.Met, report.Resolution.Status);
        Assert.Equal(H(23), report.Resolution.DueAt);
    }

    [Fact]
    public void Evaluate_Reopened_TimeSpentResolvedIsPaused()
    {
        var timeline = Opened.Respond(H(0.5)).Resolve(H(2)).Reopen(H(10));

        var report = At(timeline, 11);

        Assert.Null(report.Resolution.CompletedAt);
        Assert.Equal(H(12), report.Resolution.DueAt);
        Assert.Equal(SlaStatus.Warning, report.Resolution.Status);
        Assert.Equal(H(12), report.NextDueAt);
    }

    [Fact]
    public void NextDueAt_OverACase_WarningThenBreachThenNothing()
    {
        var responded = Opened.Respond(H(1));

        Assert.Equal(H(1.5), SlaClock.NextDueAt(Policy, Opened, H(0)));        // first-response warning
        Assert.Equal(H(2), SlaClock.NextDueAt(Policy, Opened, H(1.5)));        // first-response breach
        Assert.Equal(H(3), SlaClock.NextDueAt(Policy, Opened, H(2)));          // breached; resolution warning next
        Assert.Equal(H(3), SlaClock.NextDueAt(Policy, responded, H(1)));       // met; resolution warning
        Assert.Equal(H(4), SlaClock.NextDueAt(Policy, responded, H(3)));       // resolution breach
        Assert.Null(SlaClock.NextDueAt(Policy, responded, H(4)));              // both decided: no reminder
        Assert.Null(SlaClock.NextDueAt(Policy, responded.Resolve(H(3.5)), H(3.5)));
    }

    [Fact]
    public void NextDueAt_BusinessHours_IsInOpenTime()
    {
        // Reported Friday 17:30: the first-response warning is 1.5h of office time later, Monday 10:00.
        var opened = new DateTimeOffset(2026, 11, 20, 17, 30, 0, Cst);

        var next = SlaClock.NextDueAt(Office, new SlaTimeline(opened, CaseSeverity.Normal, Office.Version), opened);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, Cst), next);
    }

    [Fact]
    public void Evaluate_PolicyVersion_IsCarriedThroughAndChecked()
    {
        var timeline = new SlaTimeline(T0, CaseSeverity.Normal, Office.Version);

        Assert.Equal(3, SlaClock.Evaluate(Office, timeline, T0).PolicyVersion);
        var error = Assert.Throws<ArgumentException>(() => SlaClock.Evaluate(Office with { Version = 4 }, timeline, T0));
        Assert.Contains("version 3, not 4", error.Message);
    }

    [Fact]
    public void Timeline_RepeatedEvents_ChangeNothing()
    {
        var timeline = Opened.Respond(H(1)).Respond(H(2)).Pause(H(3)).Pause(H(4)).Resume(H(5)).Resume(H(6));

        Assert.Equal(H(1), timeline.FirstRespondedAt);
        Assert.Equal([new SlaPause(H(3), H(5))], timeline.Pauses);
        Assert.Equal(timeline, Opened.Respond(H(1)).Pause(H(3)).Resume(H(5)));
        Assert.NotEqual(timeline, Opened.Respond(H(1)).Pause(H(3)).Resume(H(6)));
    }

    [Property(MaxTest = 200)]
    public bool Evaluate_AnyPauseBeforeTheDeadline_ShiftsItByThePausedWorkingTime(uint opened, ushort pauseAfter, ushort pauseLength)
    {
        var openedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Cst).AddMinutes(opened % (365 * 24 * 60));
        var unpaused = Office.Calendar.Add(openedAt, Office.Resolution);
        var pauseStart = openedAt.AddMinutes(pauseAfter % 10_000);
        var pauseEnd = pauseStart.AddMinutes(pauseLength % 10_000);
        var timeline = new SlaTimeline(openedAt, CaseSeverity.Normal, Office.Version).Pause(pauseStart).Resume(pauseEnd);

        var due = SlaClock.Evaluate(Office, timeline, pauseEnd).Resolution.DueAt;

        return pauseStart >= unpaused
            ? due == unpaused
            : due == Office.Calendar.Add(unpaused, Office.Calendar.WorkingTimeBetween(pauseStart, pauseEnd));
    }

    [Property(MaxTest = 200)]
    public bool Evaluate_RunningTarget_LeftIsTheWorkingTimeUntilTheDeadline(uint opened, ushort now)
    {
        var openedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Cst).AddMinutes(opened % (365 * 24 * 60));
        var at = openedAt.AddMinutes(now % 20_000);
        var resolution = SlaClock.Evaluate(Office, new SlaTimeline(openedAt, CaseSeverity.Normal, Office.Version), at).Resolution;

        return resolution.Status == SlaStatus.Breached
            ? resolution.Left == -Office.Calendar.WorkingTimeBetween(resolution.DueAt, at)
            : resolution.Left == Office.Calendar.WorkingTimeBetween(at, resolution.DueAt);
    }

    [Fact]
    public void Evaluate_PauseStartingAtTheDeadline_DoesNotLiftTheBreach()
    {
        var timeline = Opened.Respond(H(0.5)).Pause(H(4));

        var report = At(timeline, 5);

        Assert.Equal(H(4), report.Resolution.DueAt);
        Assert.Equal(SlaStatus.Breached, report.Resolution.Status);
        Assert.True(report.Resolution.IsPaused);
    }

    [Fact]
    public void Evaluate_AtTheInstantAPauseStarts_IsPaused()
    {
        var report = At(Opened.Respond(H(0.5)).Pause(H(1)), 1);

        Assert.True(report.Resolution.IsPaused);
        Assert.Null(report.NextDueAt);
    }

    [Fact]
    public void Evaluate_BeforeARecordedPauseStarts_TheDeadlineIsAsIfItResumedWhenItStarts()
    {
        // Asked about 02:00 of a case that waits on the customer from 03:00: due at 04:00 unless the wait lasts.
        var report = At(Opened.Respond(H(0.5)).Pause(H(3)), 2);

        Assert.False(report.Resolution.IsPaused);
        Assert.Equal((H(3), H(4)), (report.Resolution.WarningAt, report.Resolution.DueAt));
        Assert.Equal(SlaStatus.Pending, report.Resolution.Status);
        Assert.Equal(H(3), report.NextDueAt);
    }

    [Fact]
    public void Evaluate_PauseFromBeforeTheOpening_CountsOnlyFromTheOpening()
    {
        var timeline = Opened.Respond(H(0.5)) with { Pauses = [new SlaPause(H(-1), H(1))] };

        var report = At(timeline, 2);

        Assert.Equal(TimeSpan.FromHours(3), report.Resolution.Left);
        Assert.Equal(H(5), report.Resolution.DueAt);
    }

    [Fact]
    public void Evaluate_PausesAfterTheResolution_ChangeNothing()
    {
        var resolved = Opened.Respond(H(0.5)).Resolve(H(3));
        var withLatePauses = resolved with { Pauses = [new SlaPause(H(3.5), H(5)), new SlaPause(H(6), null)] };

        Assert.Equal(At(resolved, 10), At(withLatePauses, 10));
        Assert.Equal((H(4), SlaStatus.Met, TimeSpan.FromHours(1)), (At(withLatePauses, 10).Resolution.DueAt, At(withLatePauses, 10).Resolution.Status, At(withLatePauses, 10).Resolution.Left));
    }

    [Fact]
    public void Evaluate_EmptyPause_ChangesNothing() =>
        Assert.Equal(At(Opened.Respond(H(0.5)), 3), At(Opened.Respond(H(0.5)) with { Pauses = [new SlaPause(H(1), H(1))] }, 3));

    [Fact]
    public void Evaluate_OverlappingAndNestedPauses_CountOnce()
    {
        // 1h-2h and 1.5h-3h overlap (2h paused in all); 1.25h-1.75h lies inside both.
        var timeline = Opened.Respond(H(0.5)) with
        {
            Pauses = [new SlaPause(H(1), H(2)), new SlaPause(H(1.25), H(1.75)), new SlaPause(H(1.5), H(3))],
        };

        var report = At(timeline, 4);

        Assert.Equal(H(6), report.Resolution.DueAt);
        Assert.Equal(TimeSpan.FromHours(2), report.Resolution.Left);
        Assert.Equal(report, At(Opened.Respond(H(0.5)).Pause(H(1)).Resume(H(3)), 4));
    }

    [Fact]
    public void Evaluate_PausesGivenLatestFirst_AreTakenInTimeOrder()
    {
        var timeline = Opened.Respond(H(0.5)) with { Pauses = [new SlaPause(H(3), H(4)), new SlaPause(H(1), H(2))] };

        Assert.Equal(H(6), At(timeline, 5).Resolution.DueAt);
    }
}
