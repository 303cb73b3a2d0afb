namespace Crm.Domain.Reports;

/// <summary>
/// When scheduled reports are due, and which are due between two checks. The scheduler asks on every tick for the
/// periods due since the last tick it completed, so a tick that comes late, twice or after downtime neither skips a
/// period nor sees one twice: <c>Between(a, b)</c> and <c>Between(b, c)</c> together are exactly <c>Between(a, c)</c>.
/// </summary>
public static class ReportDue
{
    /// <summary>The schedule's time on the first local day after the period (<see cref="ReportClock.At"/>'s rule across DST).</summary>
    public static DateTimeOffset At(ReportPeriod period, TimeOnly at, TimeZoneInfo zone) => ReportClock.At(period.End, at, zone);

    /// <summary>Every scheduled period due after <paramref name="after"/> and at or before <paramref name="now"/>, earliest due first (shorter kinds first on a tie).</summary>
    public static IReadOnlyList<ScheduledPeriod> Between(ReportSchedule schedule, TimeZoneInfo zone, DateTimeOffset after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        // No shortcut for now <= after: the walk below then finds nothing due, as it must.
        var due = new List<ScheduledPeriod>();
        var firstDay = ReportClock.DayOf(after, zone);
        foreach (var kind in schedule.Kinds)
        {
            // A period is due within a day of its end, so the one before the period holding `after` is the earliest
            // that can still be due after it; the one before that ended at least a day before `after`.
            for (var p = ReportPeriod.Containing(kind, firstDay).Previous; ; p = p.Next)
            {
                var at = At(p, schedule.At, zone);
                if (at > now)
                {
                    break;
                }

                if (at > after)
                {
                    due.Add(new ScheduledPeriod(p, at));
                }
            }
        }

        return [.. due.OrderBy(d => d.DueAt).ThenBy(d => d.Period.Kind)];
    }

    /// <summary>The next due period of each scheduled kind after <paramref name="now"/>, earliest first.</summary>
    public static IReadOnlyList<ScheduledPeriod> Next(ReportSchedule schedule, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        var next = new List<ScheduledPeriod>();
        var today = ReportClock.DayOf(now, zone);
        foreach (var kind in schedule.Kinds)
        {
            var p = ReportPeriod.Containing(kind, today).Previous;
            while (At(p, schedule.At, zone) <= now)
            {
                p = p.Next;
            }

            next.Add(new ScheduledPeriod(p, At(p, schedule.At, zone)));
        }

        return [.. next.OrderBy(d => d.DueAt).ThenBy(d => d.Period.Kind)];
    }
}

/// <summary>A period of a schedule and when its report is due.</summary>
public readonly record struct ScheduledPeriod(ReportPeriod Period, DateTimeOffset DueAt);
