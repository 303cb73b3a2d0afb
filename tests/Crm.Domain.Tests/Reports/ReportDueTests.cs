using System.Globalization;
using Crm.Domain.Reports;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class ReportDueTests
{
    private static readonly TimeZoneInfo Shanghai = ReportClock.Zone("Asia/Shanghai");
    private static readonly ReportSchedule All = new(true, true, true, new TimeOnly(8, 0));
    private static readonly ReportSchedule MonthlyAtEight = new(false, true, false, new TimeOnly(8, 0));

    private static readonly string[] Zones =
        ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Kathmandu"];

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string[] Ids(IEnumerable<ScheduledPeriod> due) => [.. due.Select(d => d.Period.ToString())];

    [Fact]
    public void At_Month_IsTheLocalTimeOnTheFirstDayAfter()
    {
        var due = ReportDue.At(ReportPeriod.Parse("2026-11"), new TimeOnly(8, 0), Shanghai);
        Assert.Equal(Utc("2026-12-01T00:00:00Z"), due.ToUniversalTime());
    }

    [Fact]
    public void At_Week_IsTheMondayAfterItsSunday()
    {
        var due = ReportDue.At(ReportPeriod.Parse("2026-W49"), new TimeOnly(9, 30), Shanghai);
        Assert.Equal(Utc("2026-12-07T01:30:00Z"), due.ToUniversalTime());
    }

    [Fact]
    public void At_WhereTheTimeRepeats_IsItsFirstOccurrence()
    {
        // New York falls back at 02:00 on Sunday 1 November 2026: 01:30 happens first in EDT (UTC-4).
        var due = ReportDue.At(ReportPeriod.Parse("2026-10"), new TimeOnly(1, 30), ReportClock.Zone("America/New_York"));
        Assert.Equal(Utc("2026-11-01T05:30:00Z"), due.ToUniversalTime());
    }

    [Fact]
    public void At_WhereMidnightRepeats_IsItsFirstOccurrence()
    {
        // Cuba falls back from 01:00 to 00:00 on 1 November 2026: 00:30 is first in CDT (UTC-4).
        var due = ReportDue.At(ReportPeriod.Parse("2026-10"), new TimeOnly(0, 30), ReportClock.Zone("America/Havana"));
        Assert.Equal(Utc("2026-11-01T04:30:00Z"), due.ToUniversalTime());
    }

    [Fact]
    public void ClockAt_WhereTheTimeIsSkipped_IsTheJump()
    {
        // Berlin springs forward from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist, 03:00 CEST is next.
        var at = ReportClock.At(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), ReportClock.Zone("Europe/Berlin"));
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), at.ToUniversalTime());
    }

    [Fact]
    public void Between_AtTheDueInstant_IncludesIt()
    {
        Assert.Equal(["2026-11"], Ids(ReportDue.Between(MonthlyAtEight, Shanghai, Utc("2026-11-30T00:00:00Z"), Utc("2026-12-01T00:00:00Z"))));
    }

    [Fact]
    public void Between_OneTickBeforeTheDueInstant_IsEmpty()
    {
        Assert.Empty(ReportDue.Between(MonthlyAtEight, Shanghai, Utc("2026-11-30T00:00:00Z"), Utc("2026-12-01T00:00:00Z").AddTicks(-1)));
    }

    [Fact]
    public void Between_AfterTheDueInstant_ExcludesIt()
    {
        // The tick that ended at the due instant produced it; the next one must not.
        Assert.Empty(ReportDue.Between(MonthlyAtEight, Shanghai, Utc("2026-12-01T00:00:00Z"), Utc("2026-12-20T00:00:00Z")));
    }

    [Fact]
    public void Between_NowNotAfterAfter_IsEmpty()
    {
        var t = Utc("2026-12-01T00:00:00Z");
        Assert.Empty(ReportDue.Between(All, Shanghai, t, t));
        Assert.Empty(ReportDue.Between(All, Shanghai, t.AddDays(40), t));
    }

    [Fact]
    public void Between_AnEmptySchedule_IsEmpty()
    {
        Assert.Empty(ReportDue.Between(ReportSchedule.None, Shanghai, Utc("2025-01-01T00:00:00Z"), Utc("2027-01-01T00:00:00Z")));
    }

    [Fact]
    public void Between_AcrossTheYearEnd_OrdersByDueThenKind()
    {
        // 2026-12 and 2026-Q4 are both due 1 January 08:00; 2026-W53 (28 Dec to 3 Jan) on Monday 4 January.
        var due = ReportDue.Between(All, Shanghai, Utc("2026-12-30T00:00:00Z"), Utc("2027-01-04T00:00:00Z"));
        Assert.Equal(["2026-12", "2026-Q4", "2026-W53"], Ids(due));
        Assert.Equal(Utc("2027-01-01T00:00:00Z"), due[0].DueAt.ToUniversalTime());
        Assert.Equal(Utc("2027-01-01T00:00:00Z"), due[1].DueAt.ToUniversalTime());
        Assert.Equal(Utc("2027-01-04T00:00:00Z"), due[2].DueAt.ToUniversalTime());
    }

    [Fact]
    public void Between_AfterDowntime_CatchesUpEveryPeriodInOrder()
    {
        // Down from 1 to 25 December (local): three weeks and a month fell due meanwhile.
        var schedule = new ReportSchedule(true, true, false, new TimeOnly(8, 0));
        var due = ReportDue.Between(schedule, Shanghai, Utc("2026-11-30T12:00:00Z"), Utc("2026-12-25T12:00:00Z"));
        Assert.Equal(["2026-11", "2026-W49", "2026-W50", "2026-W51"], Ids(due));
    }

    [Fact]
    public void Between_OnlyTheScheduledKinds()
    {
        var quarterly = new ReportSchedule(false, false, true, new TimeOnly(8, 0));
        Assert.Equal(["2026-Q3", "2026-Q4"], Ids(ReportDue.Between(quarterly, Shanghai, Utc("2026-09-01T00:00:00Z"), Utc("2027-02-01T00:00:00Z"))));
        var weekly = new ReportSchedule(true, false, false, new TimeOnly(8, 0));
        Assert.Equal(["2026-W49"], Ids(ReportDue.Between(weekly, Shanghai, Utc("2026-12-01T00:00:00Z"), Utc("2026-12-07T00:00:00Z"))));
    }

    [Fact]
    public void Between_TheFirstDayOfAPeriod_StillSeesThePreviousPeriodDueLaterThatDay()
    {
        // Just after local midnight on 1 December, November is due at 08:00 the same day.
        var after = Utc("2026-11-30T16:00:00Z");
        Assert.Equal(["2026-11"], Ids(ReportDue.Between(MonthlyAtEight, Shanghai, after, Utc("2026-12-01T00:00:00Z"))));
    }

    [Fact]
    public void Between_LateInTheDayInAWesternZone_UsesTheLocalDay()
    {
        // 23:00 in New York on 30 November is 04:00 UTC on 1 December: November is due at 23:00 local on 1 December.
        var schedule = new ReportSchedule(false, true, false, new TimeOnly(23, 0));
        var ny = ReportClock.Zone("America/New_York");
        Assert.Empty(ReportDue.Between(schedule, ny, Utc("2026-11-30T00:00:00Z"), Utc("2026-12-01T05:00:00Z")));
        Assert.Equal(["2026-11"], Ids(ReportDue.Between(schedule, ny, Utc("2026-12-01T05:00:00Z"), Utc("2026-12-02T04:00:00Z"))));
    }

    [Fact]
    public void Next_IsTheFirstDueAfterNowOfEachKind()
    {
        var next = ReportDue.Next(All, Shanghai, Utc("2026-12-01T00:00:00Z"));
        Assert.Equal(["2026-W49", "2026-12", "2026-Q4"], Ids(next));
        Assert.Equal(Utc("2026-12-07T00:00:00Z"), next[0].DueAt.ToUniversalTime());
        Assert.Equal(Utc("2027-01-01T00:00:00Z"), next[1].DueAt.ToUniversalTime());
    }

    [Fact]
    public void MissingScheduleOrZone_IsRefused()
    {
        var t = Utc("2026-12-01T00:00:00Z");
        // Named as the caller knows them: the zone is refused by these methods, not deep inside a conversion.
        Assert.Throws<ArgumentNullException>("schedule", () => ReportDue.Between(null!, Shanghai, t, t.AddDays(1)));
        Assert.Throws<ArgumentNullException>("zone", () => ReportDue.Between(All, null!, t, t.AddDays(1)));
        Assert.Throws<ArgumentNullException>("schedule", () => ReportDue.Next(null!, Shanghai, t));
        Assert.Throws<ArgumentNullException>("zone", () => ReportDue.Next(All, null!, t));
    }

    [Fact]
    public void Next_AnEmptySchedule_IsEmpty() => Assert.Empty(ReportDue.Next(ReportSchedule.None, Shanghai, Utc("2026-12-01T00:00:00Z")));

    [Fact]
    public void Schedule_Kinds_AreTheChosenOnesShortestFirst()
    {
        Assert.Equal([ReportPeriodKind.Week, ReportPeriodKind.Month, ReportPeriodKind.Quarter], All.Kinds);
        Assert.Equal([ReportPeriodKind.Month], MonthlyAtEight.Kinds);
        Assert.Equal([ReportPeriodKind.Week], new ReportSchedule(true, false, false, default).Kinds);
        Assert.Equal([ReportPeriodKind.Quarter], new ReportSchedule(false, false, true, default).Kinds);
        Assert.True(ReportSchedule.None.IsEmpty);
        Assert.False(MonthlyAtEight.IsEmpty);
        Assert.False(new ReportSchedule(true, false, false, default).IsEmpty);
        Assert.False(new ReportSchedule(false, false, true, default).IsEmpty);
    }

    [Property(MaxTest = 300)]
    public bool Between_SplitAnywhere_NeitherLosesNorRepeatsAPeriod(byte zone, byte kinds, ushort minuteOfDay, uint firstMinutes, uint secondMinutes)
    {
        var z = ReportClock.Zone(Zones[zone % Zones.Length]);
        var schedule = new ReportSchedule((kinds & 1) != 0, (kinds & 2) != 0, (kinds & 4) != 0, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minuteOfDay % 1440)));
        var a = Utc("2025-06-01T00:00:00Z").AddMinutes(firstMinutes % 1_000_000);
        var b = a.AddMinutes(secondMinutes % 200_000);
        var c = b.AddMinutes(firstMinutes % 150_000);
        var whole = ReportDue.Between(schedule, z, a, c);
        var parts = ReportDue.Between(schedule, z, a, b).Concat(ReportDue.Between(schedule, z, b, c)).ToList();
        return whole.SequenceEqual(parts) && whole.All(d => d.DueAt > a && d.DueAt <= c) && whole.Distinct().Count() == whole.Count;
    }

    [Property(MaxTest = 300)]
    public bool Between_HoldsEveryPeriodDueInTheWindow(byte zone, ushort minuteOfDay, uint startMinutes, ushort days)
    {
        // Walk every period of every kind over the window independently and compare.
        var z = ReportClock.Zone(Zones[zone % Zones.Length]);
        var schedule = new ReportSchedule(true, true, true, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minuteOfDay % 1440)));
        var a = Utc("2025-06-01T00:00:00Z").AddMinutes(startMinutes % 1_000_000);
        var c = a.AddDays(days % 200);
        var expected = new List<ScheduledPeriod>();
        foreach (var kind in schedule.Kinds)
        {
            for (var p = ReportPeriod.Containing(kind, new DateOnly(2025, 1, 1)); p.Start < new DateOnly(2028, 1, 1); p = p.Next)
            {
                var due = ReportDue.At(p, schedule.At, z);
                if (due > a && due <= c)
                {
                    expected.Add(new ScheduledPeriod(p, due));
                }
            }
        }

        return ReportDue.Between(schedule, z, a, c).OrderBy(d => d.Period.Kind).ThenBy(d => d.Period.Start)
            .SequenceEqual(expected.OrderBy(d => d.Period.Kind).ThenBy(d => d.Period.Start));
    }

    [Property(MaxTest = 300)]
    public bool Next_IsAfterNowAndTheFirstOfItsKindDue(byte zone, ushort minuteOfDay, uint startMinutes)
    {
        var z = ReportClock.Zone(Zones[zone % Zones.Length]);
        var schedule = new ReportSchedule(true, true, true, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minuteOfDay % 1440)));
        var now = Utc("2025-06-01T00:00:00Z").AddMinutes(startMinutes % 1_000_000);
        var next = ReportDue.Next(schedule, z, now);
        var coming = ReportDue.Between(schedule, z, now, now.AddDays(100));
        return next.Count == 3 && next.All(n => n.DueAt > now && coming.First(c => c.Period.Kind == n.Period.Kind) == n);
    }
}
