using Crm.Domain.Reports;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class ReportClockTests
{
    private static readonly string[] Zones =
        ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Kathmandu"];

    [Theory]
    [InlineData("Asia/Shanghai", "2026-03-08", 24)]
    [InlineData("America/New_York", "2026-03-08", 23)] // spring forward
    [InlineData("America/New_York", "2026-11-01", 25)] // fall back
    [InlineData("Europe/Berlin", "2026-03-29", 23)]
    [InlineData("Europe/Berlin", "2026-10-25", 25)]
    [InlineData("UTC", "2026-10-25", 24)]
    public void Day_AcrossDaylightSaving_HasItsRealLength(string zone, string day, int hours)
    {
        var z = ReportClock.Zone(zone);
        var p = ReportPeriod.DayOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(hours), p.EndsAt(z) - p.StartsAt(z));
    }

    [Fact]
    public void StartOfDay_Shanghai_IsSixteenHundredUtcTheDayBefore()
    {
        var start = ReportClock.StartOfDay(new DateOnly(2027, 1, 1), ReportClock.Zone("Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
    }

    [Fact]
    public void StartOfDay_WhereMidnightIsSkipped_IsTheJump()
    {
        // Chile springs forward at 24:00 on Saturday 5 September 2026: Sunday starts at 01:00 local, 04:00 UTC.
        var z = ReportClock.Zone("America/Santiago");
        var day = new DateOnly(2026, 9, 6);
        var start = ReportClock.StartOfDay(day, z);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal(day, ReportClock.DayOf(start, z));
        Assert.Equal(day.AddDays(-1), ReportClock.DayOf(start.AddTicks(-1), z));
    }

    [Fact]
    public void StartOfDay_WhereMidnightRepeats_IsItsFirstOccurrence()
    {
        // Cuba falls back from 01:00 to 00:00 on Sunday 1 November 2026: 00:00-01:00 happens twice.
        var z = ReportClock.Zone("America/Havana");
        var day = new DateOnly(2026, 11, 1);
        var start = ReportClock.StartOfDay(day, z);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal(day.AddDays(-1), ReportClock.DayOf(start.AddTicks(-1), z));
        Assert.Equal(TimeSpan.FromHours(25), ReportPeriod.DayOf(day).EndsAt(z) - start);
    }

    [Fact]
    public void YearEnd_InShanghai_FallsInTheLocalYear()
    {
        var z = ReportClock.Zone("Asia/Shanghai");
        var lastUtcMinuteOfLocalYear = new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 12, 31), ReportClock.DayOf(lastUtcMinuteOfLocalYear, z));
        Assert.Equal(new DateOnly(2027, 1, 1), ReportClock.DayOf(lastUtcMinuteOfLocalYear.AddSeconds(1), z));
        Assert.Equal("2026-W53", ReportPeriod.Containing(ReportPeriodKind.Week, ReportClock.DayOf(lastUtcMinuteOfLocalYear.AddSeconds(1), z)).ToString());
    }

    [Fact]
    public void Zone_Unknown_Throws() => Assert.ThrowsAny<TimeZoneNotFoundException>(() => ReportClock.Zone("Mars/Olympus"));

    [Property(MaxTest = 1000)]
    public bool DayOf_LiesBetweenItsStartAndTheNextDaysStart(uint seconds, byte zone)
    {
        var z = ReportClock.Zone(Zones[zone % Zones.Length]);
        var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds % (10L * 366 * 86400));
        var day = ReportClock.DayOf(at, z);
        return ReportClock.StartOfDay(day, z) <= at && at < ReportClock.StartOfDay(day.AddDays(1), z);
    }

    [Property(MaxTest = 500)]
    public bool Days_TileTime_WithoutGapOrOverlap(uint days, byte zone)
    {
        var z = ReportClock.Zone(Zones[zone % Zones.Length]);
        var day = new DateOnly(2020, 1, 1).AddDays((int)(days % (10 * 366)));
        var start = ReportClock.StartOfDay(day, z);
        var length = ReportClock.StartOfDay(day.AddDays(1), z) - start;
        return ReportClock.DayOf(start, z) == day && ReportClock.DayOf(start.AddTicks(-1), z) == day.AddDays(-1) &&
               length >= TimeSpan.FromHours(22) && length <= TimeSpan.FromHours(26);
    }
}
