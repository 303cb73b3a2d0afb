namespace Crm.Domain.Reports;

/// <summary>Local days of a time zone: which day an instant falls in, and when a day starts.</summary>
/// <remarks>
/// A day starts at the first instant its wall clock reads 00:00. Where a spring-forward jump skips midnight, the day
/// starts at the jump (the first valid local time); where a fall-back repeats midnight, at its first occurrence.
/// So the days of a zone tile time with no gap and no overlap, and <see cref="DayOf"/> of a day's start is that day.
/// </remarks>
public static class ReportClock
{
    /// <summary>The zone for an IANA id (or a Windows id the platform maps).</summary>
    /// <exception cref="TimeZoneNotFoundException">Unknown id.</exception>
    public static TimeZoneInfo Zone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) => At(day, TimeOnly.MinValue, zone);

    /// <summary>
    /// The instant <paramref name="day"/>'s wall clock reads <paramref name="time"/>: where a jump skips that time, the
    /// jump's end; where it repeats, its first occurrence (the same rule as a day's start).
    /// </summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);

        // Skipped: the first wall-clock time that exists is the jump's end; gaps are whole minutes in tz data.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
