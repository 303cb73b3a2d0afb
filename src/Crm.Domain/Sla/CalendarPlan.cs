namespace Crm.Domain.Sla;

/// <summary>
/// A business-hours calendar laid out for walking: spans grouped by weekday, holidays in a set, the zone resolved.
/// Built per call rather than cached on the record, because a record's <c>with</c> copies would carry a stale cache.
/// </summary>
internal sealed class CalendarPlan
{
    private readonly TimeZoneInfo _zone;
    private readonly List<WorkingSpan>[] _byDay = new List<WorkingSpan>[7];
    private readonly HashSet<DateOnly> _holidays;

    public TimeZoneInfo Zone => _zone;

    public CalendarPlan(SlaCalendar calendar)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZoneId);
        for (var d = 0; d < 7; d++)
        {
            // Stryker disable once NullCoalescing : a plan is only made for a calendar with hours (SlaCalendar checks IsAlwaysOpen first).
            _byDay[d] = (calendar.Hours ?? []).Where(s => (int)s.Day == d).OrderBy(s => s.Start).ToList();
        }

        _holidays = [.. calendar.Holidays];
    }

    /// <summary>
    /// Open intervals in time order that end after <paramref name="from"/> (the first one clipped to start at it),
    /// walking at most <paramref name="maxDays"/> local days: whole spans at a time, never minute by minute.
    /// </summary>
    public IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> OpenIntervals(DateTimeOffset from, int maxDays)
    {
        // Spans of earlier local dates end at the latest when the wall clock first reads this date's 00:00,
        // which is no later than 'from', so the walk starts at the local date of 'from'.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime);
        for (var day = 0; day <= maxDays; day++, date = date.AddDays(1))
        {
            if (_holidays.Contains(date))
            {
                continue;
            }

            foreach (var span in _byDay[(int)date.DayOfWeek])
            {
                // Clipped to start at 'from': a span that ended by then comes out empty and is dropped.
                var close = ToInstant(date, span.End);
                var open = ToInstant(date, span.Start);

                // Stryker disable once Equality : at open == from both give the same instant.
                if (open < from)
                {
                    open = from;
                }

                // Stryker disable once Equality : an empty interval (a span inside a spring-forward gap) adds no open time.
                if (open < close)
                {
                    yield return (open, close);
                }
            }
        }
    }

    /// <summary>The first instant at which the local wall clock reads <paramref name="time"/> on <paramref name="date"/>.</summary>
    private DateTimeOffset ToInstant(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time;
        if (_zone.IsAmbiguousTime(local))
        {
            // Repeated by a fall-back: the larger offset is the first occurrence.
            var offset = _zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        if (_zone.IsInvalidTime(local))
        {
            return JumpOver(local);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }

    /// <summary>A wall-clock time skipped by a spring-forward: the instant the clock jumped over it.</summary>
    private DateTimeOffset JumpOver(DateTime local)
    {
        var before = local;
        var after = local;
        // Stryker disable once Equality,Logical,Update : the bound only stops a runaway walk; stepping further from the gap
        // still leaves the jump between 'before' and 'after', which is all the search below needs.
        for (var i = 0; i < 48 && _zone.IsInvalidTime(before); i++)
        {
            before = before.AddMinutes(-30);
        }

        // Stryker disable once Equality,Logical,Update : as above.
        for (var i = 0; i < 48 && _zone.IsInvalidTime(after); i++)
        {
            after = after.AddMinutes(30);
        }

        // Binary search between two valid instants for the first one whose wall clock is past 'local'.
        var low = TimeZoneInfo.ConvertTimeToUtc(before, _zone).Ticks;
        var high = TimeZoneInfo.ConvertTimeToUtc(after, _zone).Ticks;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            var wall = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(mid, DateTimeKind.Utc), _zone);
            // Stryker disable once Equality : 'local' is skipped, so no instant's wall clock equals it.
            if (wall >= local)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return new DateTimeOffset(low, TimeSpan.Zero);
    }
}
