namespace Crm.Domain.Sla;

/// <summary>
/// When the SLA clock runs: always (7x24, <see cref="Hours"/> null) or during weekly business hours, minus
/// holidays, in the local time of <see cref="TimeZoneId"/> (an IANA id such as "Asia/Shanghai").
/// </summary>
/// <remarks>
/// Daylight-saving rule: a span is the real time from the first moment the local wall clock reads its start to the
/// first moment it reads its end. A wall-clock time skipped by a spring-forward jump is taken as the instant of the
/// jump (so 02:00-04:00 on that day is one hour long); a time repeated by a fall-back is taken at its first
/// occurrence (so 00:00-01:30 ends before the repeated hour, and 01:30-03:00 includes it).
/// An always-open calendar ignores the time zone and holidays: its arithmetic is plain addition. A tenant that wants
/// 7x24 minus holidays uses business hours 00:00-24:00 on every day.
/// </remarks>
public sealed record SlaCalendar
{
    /// <summary>How far ahead <see cref="Add"/> looks for open time before it gives up.</summary>
    public const int MaxSearchDays = 3 * 366;

    public static SlaCalendar AlwaysOpen { get; } = new() { TimeZoneId = "UTC" };

    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Weekly open spans; null means always open.</summary>
    public IReadOnlyList<WorkingSpan>? Hours { get; init; }

    /// <summary>Local dates on which the calendar is closed all day.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    public bool IsAlwaysOpen => Hours is null;

    /// <summary>Compares the lists by content, so a grain can tell whether a saved calendar really changed.</summary>
    public bool Equals(SlaCalendar? other) =>
        other is not null && TimeZoneId == other.TimeZoneId && Holidays.SequenceEqual(other.Holidays) &&
        (Hours is null ? other.Hours is null : other.Hours is not null && Hours.SequenceEqual(other.Hours));

    public override int GetHashCode() => HashCode.Combine(TimeZoneId, Hours?.Count, Holidays.Count);

    public static SlaCalendar BusinessHours(
        string timeZoneId, IEnumerable<WorkingSpan> hours, IEnumerable<DateOnly>? holidays = null) =>
        new() { TimeZoneId = timeZoneId, Hours = hours.ToList(), Holidays = holidays?.ToList() ?? [] };

    /// <summary>Business hours on Monday to Friday, the same spans each day.</summary>
    public static SlaCalendar Weekdays(
        string timeZoneId, IEnumerable<(TimeSpan Start, TimeSpan End)> spans, IEnumerable<DateOnly>? holidays = null)
    {
        var daily = spans.ToList();
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        return BusinessHours(timeZoneId, days.SelectMany(d => daily.Select(s => new WorkingSpan(d, s.Start, s.End))), holidays);
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of open time has passed since <paramref name="start"/>:
    /// the earliest such instant, so a target that ends with a span gives the span's end. Zero gives
    /// <paramref name="start"/> itself; from closed time the clock starts at the next opening.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has too little open time to reach the target within
    /// <see cref="MaxSearchDays"/> days (validation refuses calendars without open time).</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (IsAlwaysOpen || workingTime == TimeSpan.Zero)
        {
            return start + workingTime;
        }

        var remaining = workingTime;
        var plan = new CalendarPlan(this);
        foreach (var (open, close) in plan.OpenIntervals(start, MaxSearchDays))
        {
            var length = close - open;
            if (length >= remaining)
            {
                // Shown in the calendar's own offset, which is what people in that office read.
                return TimeZoneInfo.ConvertTime(open + remaining, plan.Zone);
            }

            remaining -= length;
        }

        throw new InvalidOperationException(
            $"The SLA calendar has too little open time to count {workingTime} from {start:O} within {MaxSearchDays} " +
            "days; check its business hours and holidays.");
    }

    /// <summary>Open time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        // Stryker disable once Equality : at to == from the walk below also gives zero (its first opening is not before 'to').
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (IsAlwaysOpen)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        var days = (int)Math.Min((to - from).TotalDays + 3, int.MaxValue);
        foreach (var (open, close) in new CalendarPlan(this).OpenIntervals(from, days))
        {
            // Stryker disable once Equality : an interval opening at 'to' would add nothing, and all later ones open after it.
            if (open >= to)
            {
                break;
            }

            // Stryker disable once Equality : at close == to both give the same instant.
            total += (close < to ? close : to) - open;
        }

        return total;
    }
}
