using Crm.Domain.Sla;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Sla;

public sealed class SlaCalendarTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4);

    private static readonly SlaCalendar ShanghaiOffice = SlaCalendar.Weekdays("Asia/Shanghai", [(H(9), H(18))]);

    private static readonly SlaCalendar NewYorkOffice = SlaCalendar.Weekdays("America/New_York", [(H(9), H(18))]);

    private static readonly SlaCalendar NewYorkAllDay = SlaCalendar.BusinessHours(
        "America/New_York", Enum.GetValues<DayOfWeek>().Select(d => new WorkingSpan(d, TimeSpan.Zero, TimeSpan.FromDays(1))));

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    private static DateTimeOffset At(int month, int day, int hour, int minute, TimeSpan offset) =>
        new(2026, month, day, hour, minute, 0, offset);

    [Fact]
    public void Add_FridayAfternoon_ContinuesMondayMorning() =>
        Assert.Equal(At(11, 23, 10, 0, Shanghai), ShanghaiOffice.Add(At(11, 20, 17, 0, Shanghai), H(2)));

    [Fact]
    public void Add_HolidayMonday_ContinuesTuesday()
    {
        var calendar = ShanghaiOffice with { Holidays = [new DateOnly(2026, 11, 23)] };

        Assert.Equal(At(11, 24, 10, 0, Shanghai), calendar.Add(At(11, 20, 17, 0, Shanghai), H(2)));
    }

    [Theory]
    [InlineData(21, 12, 0, 23, 10, 0)] // Saturday noon: the clock starts Monday 09:00
    [InlineData(24, 7, 0, 24, 10, 0)] // Tuesday before opening
    [InlineData(20, 18, 0, 23, 10, 0)] // Friday at closing
    [InlineData(24, 20, 30, 25, 10, 0)] // Tuesday evening
    public void Add_StartOutsideHours_StartsAtNextOpening(int day, int hour, int minute, int dueDay, int dueHour, int dueMinute) =>
        Assert.Equal(At(11, dueDay, dueHour, dueMinute, Shanghai), ShanghaiOffice.Add(At(11, day, hour, minute, Shanghai), H(1)));

    [Fact]
    public void Add_TargetEndingAtClosing_IsTheClosingInstant() =>
        Assert.Equal(At(11, 24, 18, 0, Shanghai), ShanghaiOffice.Add(At(11, 24, 16, 0, Shanghai), H(2)));

    [Fact]
    public void Add_Zero_IsTheStartEvenWhenClosed() =>
        Assert.Equal(At(11, 21, 12, 0, Shanghai), ShanghaiOffice.Add(At(11, 21, 12, 0, Shanghai), TimeSpan.Zero));

    [Theory]
    [InlineData(11, 0, 14, 0)] // 1h before lunch, 1h after
    [InlineData(12, 30, 15, 0)] // during lunch: starts at 13:00
    [InlineData(17, 0, 10, 0)] // 1h today, 1h tomorrow morning
    public void Add_TwoSpansADay_SkipsTheGap(int hour, int minute, int dueHour, int dueMinute)
    {
        var calendar = SlaCalendar.Weekdays("Asia/Shanghai", [(H(9), H(12)), (H(13), H(18))]);

        var due = calendar.Add(At(11, 24, hour, minute, Shanghai), H(2));

        Assert.Equal(At(11, dueHour < hour ? 25 : 24, dueHour, dueMinute, Shanghai), due);
    }

    [Fact]
    public void Add_NightShiftAcrossMidnight_ContinuesAfterMidnight()
    {
        var calendar = SlaCalendar.Weekdays("Asia/Shanghai", [(H(0), H(4)), (H(20), H(24))]);

        Assert.Equal(At(11, 24, 1, 0, Shanghai), calendar.Add(At(11, 23, 23, 0, Shanghai), H(2)));
    }

    [Fact]
    public void Add_DayOfBusinessTime_SpansThreeDays() =>
        Assert.Equal(At(11, 25, 15, 0, Shanghai), ShanghaiOffice.Add(At(11, 23, 9, 0, Shanghai), H(24)));

    [Fact]
    public void Add_DayOfBusinessTimeOverAHolidayWeek_LandsAfterTheWeek()
    {
        // 1h on Wednesday 30 September, National Day holidays 1-7 October, 9h Thu 8th, 9h Fri 9th, 5h Mon 12th.
        var holidays = Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d));
        var calendar = ShanghaiOffice with { Holidays = holidays.ToList() };

        Assert.Equal(At(10, 12, 14, 0, Shanghai), calendar.Add(At(9, 30, 17, 0, Shanghai), H(24)));
    }

    [Fact]
    public void Add_AcrossSpringForward_KeepsLocalOpeningHours() =>
        // Friday 17:00 EST, 1h left on Friday, then Monday 09:00 EDT: 10:00 EDT is 14:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), NewYorkOffice.Add(At(3, 6, 17, 0, Est), H(2)));

    [Fact]
    public void Add_AcrossFallBack_KeepsLocalOpeningHours() =>
        Assert.Equal(At(11, 2, 10, 0, Est), NewYorkOffice.Add(At(10, 30, 17, 0, Edt), H(2)));

    [Fact]
    public void Add_LongestAllowedTarget_WalksWeeksByTheSpan()
    {
        // 90 days of working time is 2160h, 48 weeks of 45h: from Monday 09:00 to the Friday 47 weeks later, 18:00.
        var due = ShanghaiOffice.Add(At(1, 5, 9, 0, Shanghai), SlaPolicyRules.MaxTarget);

        Assert.Equal(At(1, 5, 18, 0, Shanghai).AddDays((47 * 7) + 4), due);
    }

    [Fact]
    public void WorkingTimeBetween_SpringForwardDay_Is23Hours() =>
        Assert.Equal(H(23), NewYorkAllDay.WorkingTimeBetween(At(3, 8, 0, 0, Est), At(3, 9, 0, 0, Edt)));

    [Fact]
    public void WorkingTimeBetween_FallBackDay_Is25Hours() =>
        Assert.Equal(H(25), NewYorkAllDay.WorkingTimeBetween(At(11, 1, 0, 0, Edt), At(11, 2, 0, 0, Est)));

    [Fact]
    public void Add_SpanStartingInTheSkippedHour_OpensWhenTheClockJumps()
    {
        // 02:00-04:00 on 8 March: 02:00-03:00 never happens, so the span is 03:00-04:00 EDT, one hour.
        var calendar = SlaCalendar.BusinessHours("America/New_York", [new WorkingSpan(DayOfWeek.Sunday, H(2), H(4))]);

        Assert.Equal(At(3, 8, 3, 30, Edt), calendar.Add(At(3, 8, 0, 0, Est), TimeSpan.FromMinutes(30)));
        Assert.Equal(H(1), calendar.WorkingTimeBetween(At(3, 8, 0, 0, Est), At(3, 9, 0, 0, Edt)));
    }

    [Fact]
    public void WorkingTimeBetween_SpanStartingMidwayThroughTheSkippedHour_StillOpensAtTheJump()
    {
        var calendar = SlaCalendar.BusinessHours("America/New_York", [new WorkingSpan(DayOfWeek.Sunday, H(2.5), H(4))]);

        Assert.Equal(H(1), calendar.WorkingTimeBetween(At(3, 8, 0, 0, Est), At(3, 9, 0, 0, Edt)));
        Assert.Equal(At(3, 8, 3, 0, Edt), calendar.Add(At(3, 8, 0, 0, Est), TimeSpan.FromTicks(1)).AddTicks(-1));
    }

    [Fact]
    public void WorkingTimeBetween_SpansTouchingTheRepeatedHour_TakeItsFirstOccurrence()
    {
        // On 1 November 01:00-02:00 happens twice. 00:00-01:30 ends at the first 01:30 (EDT): 1.5h.
        // 01:00-03:00 starts at the first 01:00 (EDT) and ends 03:00 EST: 3h of real time.
        var early = SlaCalendar.BusinessHours("America/New_York", [new WorkingSpan(DayOfWeek.Sunday, H(0), H(1.5))]);
        var across = SlaCalendar.BusinessHours("America/New_York", [new WorkingSpan(DayOfWeek.Sunday, H(1), H(3))]);
        var day = (At(11, 1, 0, 0, Edt), At(11, 2, 0, 0, Est));

        Assert.Equal(H(1.5), early.WorkingTimeBetween(day.Item1, day.Item2));
        Assert.Equal(H(3), across.WorkingTimeBetween(day.Item1, day.Item2));
        Assert.Equal(At(11, 1, 1, 30, Edt), early.Add(day.Item1, H(1.5)));
        Assert.Equal(At(11, 1, 2, 30, Est), across.Add(day.Item1, H(2.5)));
    }

    [Fact]
    public void WorkingTimeBetween_Reversed_IsZero() =>
        Assert.Equal(TimeSpan.Zero, ShanghaiOffice.WorkingTimeBetween(At(11, 24, 12, 0, Shanghai), At(11, 24, 10, 0, Shanghai)));

    [Fact]
    public void WorkingTimeBetween_AWeek_IsFiveWorkingDays() =>
        Assert.Equal(H(45), ShanghaiOffice.WorkingTimeBetween(At(11, 22, 0, 0, Shanghai), At(11, 29, 0, 0, Shanghai)));

    [Fact]
    public void Add_NoOpenTimeAtAll_ThrowsAClearError()
    {
        var calendar = new SlaCalendar { TimeZoneId = "Asia/Shanghai", Hours = [] };

        var error = Assert.Throws<InvalidOperationException>(() => calendar.Add(At(11, 24, 9, 0, Shanghai), H(1)));
        Assert.Contains("too little open time", error.Message);
    }

    [Fact]
    public void Add_AlwaysOpen_IsPlainAddition() =>
        Assert.Equal(At(11, 22, 1, 0, Shanghai), SlaCalendar.AlwaysOpen.Add(At(11, 21, 23, 0, Shanghai), H(2)));

    // Properties, over calendars that exercise every branch: holidays, two spans, DST days, an always-open one.
    private static readonly SlaCalendar[] Calendars =
    [
        SlaCalendar.Weekdays(
            "Asia/Shanghai", [(H(9), H(12)), (H(13), H(18))], Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d))),
        NewYorkOffice,
        NewYorkAllDay,
        SlaCalendar.BusinessHours(
            "America/New_York",
            [new WorkingSpan(DayOfWeek.Sunday, H(1), H(3)), new WorkingSpan(DayOfWeek.Sunday, H(22), H(24)), new WorkingSpan(DayOfWeek.Monday, H(0), H(2.5))]),
        SlaCalendar.AlwaysOpen,
    ];

    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Starts over two years (both DST changes twice), with second and sub-second precision.
    private static DateTimeOffset Start(uint seconds, ushort ticks) =>
        Origin.AddSeconds(seconds % (2 * 365 * 86400)).AddTicks(ticks);

    private static TimeSpan Work(ushort minutes, ushort ticks) =>
        TimeSpan.FromMinutes(minutes % (200 * 60)) + TimeSpan.FromTicks(ticks);

    [Property(MaxTest = 300)]
    public bool Add_ThenWorkingTimeBetween_RoundTrips(byte calendar, uint start, ushort startTicks, ushort work, ushort workTicks)
    {
        var c = Calendars[calendar % Calendars.Length];
        var s = Start(start, startTicks);
        var w = Work(work, workTicks);
        return c.WorkingTimeBetween(s, c.Add(s, w)) == w;
    }

    [Property(MaxTest = 300)]
    public bool WorkingTimeBetween_ThenAdd_NeverPassesTheEnd(byte calendar, uint start, uint length)
    {
        var c = Calendars[calendar % Calendars.Length];
        var a = Start(start, 0);
        var b = a.AddSeconds(length % (30 * 86400));
        return c.Add(a, c.WorkingTimeBetween(a, b)) <= b;
    }

    [Property(MaxTest = 300)]
    public bool Add_MoreWorkingTime_NeverEarlier(byte calendar, uint start, ushort first, ushort second)
    {
        var c = Calendars[calendar % Calendars.Length];
        var s = Start(start, 0);
        var (shorter, longer) = (Work(Math.Min(first, second), 0), Work(Math.Max(first, second), 0));
        return c.Add(s, shorter) <= c.Add(s, longer);
    }

    [Property(MaxTest = 300)]
    public bool Add_InTwoSteps_EqualsAddInOne(byte calendar, uint start, ushort first, ushort second)
    {
        var c = Calendars[calendar % Calendars.Length];
        var s = Start(start, 0);
        var (a, b) = (Work(first, 0), Work(second, 0));
        return c.Add(c.Add(s, a), b) == c.Add(s, a + b);
    }

    [Property(MaxTest = 300)]
    public bool Add_AlwaysOpen_EqualsPlainAddition(uint start, ushort work, ushort ticks)
    {
        var s = Start(start, ticks);
        var w = Work(work, ticks);
        return SlaCalendar.AlwaysOpen.Add(s, w) == s + w && SlaCalendar.AlwaysOpen.WorkingTimeBetween(s, s + w) == w;
    }

    [Fact]
    public void New_WithoutAZone_IsUtcAndAlwaysOpen()
    {
        var calendar = new SlaCalendar();

        Assert.Equal("UTC", calendar.TimeZoneId);
        Assert.True(calendar.IsAlwaysOpen);
        Assert.Empty(calendar.Holidays);
        Assert.Equal(SlaCalendar.AlwaysOpen, calendar);
    }

    [Fact]
    public void Equals_AlwaysOpenAndBusinessHours_DifferEitherWay()
    {
        var utcOffice = SlaCalendar.Weekdays("UTC", [(H(9), H(18))]);

        Assert.NotEqual(SlaCalendar.AlwaysOpen, utcOffice);
        Assert.NotEqual(utcOffice, SlaCalendar.AlwaysOpen);
        Assert.NotEqual(utcOffice, utcOffice with { TimeZoneId = "Asia/Shanghai" });
        Assert.False(utcOffice.Equals(null));
    }

    [Fact]
    public void Add_NegativeWorkingTime_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShanghaiOffice.Add(At(11, 24, 9, 0, Shanghai), TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaCalendar.AlwaysOpen.Add(At(11, 24, 9, 0, Shanghai), TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Add_NoOpenTimeAtAll_SaysWhatToCheck()
    {
        var calendar = new SlaCalendar { TimeZoneId = "Asia/Shanghai", Hours = [] };

        var error = Assert.Throws<InvalidOperationException>(() => calendar.Add(At(11, 24, 9, 0, Shanghai), H(1)));

        Assert.Equal(
            $"The SLA calendar has too little open time to count 01:00:00 from 2026-11-24T09:00:00.0000000+08:00 within {SlaCalendar.MaxSearchDays} " +
            "days; check its business hours and holidays.",
            error.Message);
    }

    [Fact]
    public void Add_OpenTimeOnTheLastDayOfTheSearch_IsStillFound()
    {
        // Open one hour on Sundays only, from a Monday: day 1098 of the search (its last, MaxSearchDays) is the 157th Sunday.
        var sundays = SlaCalendar.BusinessHours("UTC", [new WorkingSpan(DayOfWeek.Sunday, H(10), H(11))]);
        var monday = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(monday.AddDays(SlaCalendar.MaxSearchDays).AddHours(11), sundays.Add(monday, H(157)));
        Assert.Throws<InvalidOperationException>(() => sundays.Add(monday, H(158)));
    }

    [Fact]
    public void WorkingTimeBetween_AlwaysOpenReversed_IsZero() =>
        Assert.Equal(TimeSpan.Zero, SlaCalendar.AlwaysOpen.WorkingTimeBetween(At(11, 24, 12, 0, Shanghai), At(11, 24, 10, 0, Shanghai)));

    [Fact]
    public void WorkingTimeBetween_NoOpenTimeAtAll_IsZeroWithoutWalkingForever() =>
        Assert.Equal(
            TimeSpan.Zero,
            new SlaCalendar { TimeZoneId = "UTC", Hours = [] }.WorkingTimeBetween(At(11, 24, 9, 0, Shanghai), At(12, 24, 9, 0, Shanghai)));

    [Fact]
    public void WorkingTimeBetween_EndingInsideASpan_CountsUpToTheEnd() =>
        Assert.Equal(H(1.5), ShanghaiOffice.WorkingTimeBetween(At(11, 24, 8, 0, Shanghai), At(11, 24, 10, 30, Shanghai)));

    [Fact]
    public void WorkingTimeBetween_StartingInsideASpan_CountsFromTheStart() =>
        Assert.Equal(H(7.5), ShanghaiOffice.WorkingTimeBetween(At(11, 24, 10, 30, Shanghai), At(11, 24, 20, 0, Shanghai)));

    [Fact]
    public void Add_SpanStartingAQuarterPastInTheSkippedHour_OpensAtTheJumpNotAtTheNextHalfHour()
    {
        // 02:15 never happens on 8 March: the span opens at 03:00 EDT, the instant the clock jumps.
        var calendar = SlaCalendar.BusinessHours("America/New_York", [new WorkingSpan(DayOfWeek.Sunday, H(2.25), H(4))]);

        Assert.Equal(At(3, 8, 3, 10, Edt), calendar.Add(At(3, 8, 0, 0, Est), TimeSpan.FromMinutes(10)));
        Assert.Equal(H(1), calendar.WorkingTimeBetween(At(3, 8, 0, 0, Est), At(3, 9, 0, 0, Edt)));
    }

    [Fact]
    public void Add_SpansGivenOutOfOrder_AreWalkedInTimeOrder()
    {
        var calendar = SlaCalendar.BusinessHours(
            "Asia/Shanghai", [WorkingSpan.Of(DayOfWeek.Tuesday, 13, 18), WorkingSpan.Of(DayOfWeek.Tuesday, 9, 12)]);

        Assert.Equal(At(11, 24, 11, 0, Shanghai), calendar.Add(At(11, 24, 8, 0, Shanghai), H(2)));
    }
}
