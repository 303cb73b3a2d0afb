using Crm.Domain.Cases;

namespace Crm.Domain.Sla;

/// <summary>
/// Measures a case against its SLA policy: a pure function of the policy, the case's <see cref="SlaTimeline"/> and
/// <c>now</c>. Targets, pauses and time left are all working time of the policy's calendar.
/// </summary>
/// <remarks>
/// Only the resolution clock pauses while the case waits on the customer. The first-response clock never does:
/// asking the customer something is itself a response, so a case cannot honestly wait on the customer before the
/// first response, and pausing it would let a case be parked unanswered without breaching.
/// A deadline is reached at its instant: a target done before it is Met, done at or after it MetLate, and a
/// running target is Breached from that instant on (so a reminder set at <see cref="SlaReport.NextDueAt"/> sees the
/// change).
/// </remarks>
public static class SlaClock
{
    /// <exception cref="ArgumentException">The policy is not the version the case was opened under.</exception>
    public static SlaReport Evaluate(SlaPolicy policy, SlaTimeline timeline, DateTimeOffset now)
    {
        if (policy.Version != timeline.PolicyVersion)
        {
            throw new ArgumentException(
                $"The case is measured against SLA policy version {timeline.PolicyVersion}, not {policy.Version}.",
                nameof(policy));
        }

        var firstResponse = Measure(
            policy, policy.FirstResponse, timeline.OpenedAt, [], timeline.FirstRespondedAt, now);
        var resolutionTarget = timeline.Severity == CaseSeverity.Major ? policy.MajorResolution : policy.Resolution;
        var resolution = Measure(
            policy, resolutionTarget, timeline.OpenedAt, timeline.Pauses, timeline.ResolvedAt, now);

        return new SlaReport(
            policy.Version, firstResponse, resolution, Earliest(NextChange(firstResponse, now), NextChange(resolution, now)));
    }

    /// <summary>The next instant a status changes by the clock alone; null when none will.</summary>
    public static DateTimeOffset? NextDueAt(SlaPolicy policy, SlaTimeline timeline, DateTimeOffset now) =>
        Evaluate(policy, timeline, now).NextDueAt;

    private static SlaTargetReport Measure(
        SlaPolicy policy,
        TimeSpan target,
        DateTimeOffset openedAt,
        IReadOnlyList<SlaPause> pauses,
        DateTimeOffset? completedAt,
        DateTimeOffset now)
    {
        var calendar = policy.Calendar;
        var end = completedAt ?? now;
        var stretches = Normalize(pauses, openedAt, completedAt);

        var (dueAt, duePaused) = Deadline(calendar, openedAt, target, stretches, now);
        var (warningAt, _) = Deadline(calendar, openedAt, target * policy.WarningShare, stretches, now);

        var used = calendar.WorkingTimeBetween(openedAt, end);
        foreach (var (start, stop) in stretches)
        {
            // Stryker disable once Equality : a stretch starting at the end holds no time, so counting it subtracts zero.
            if (start < end)
            {
                used -= calendar.WorkingTimeBetween(start, Earliest(stop, end)!.Value);
            }
        }

        var isPaused = completedAt is null && stretches.Count > 0 && stretches[^1].Stop is null && stretches[^1].Start <= now;
        var status = completedAt is { } done
            ? done < dueAt ? SlaStatus.Met : SlaStatus.MetLate
            : now >= dueAt && !duePaused ? SlaStatus.Breached
            : now >= warningAt ? SlaStatus.Warning
            : SlaStatus.Pending;

        return new SlaTargetReport(target, warningAt, dueAt, target - used, status, isPaused, completedAt);
    }

    /// <summary>
    /// When <paramref name="budget"/> of unpaused working time is used up. Pauses that start after that instant
    /// change nothing; during an unfinished pause the answer is provisional (as if the case resumed now).
    /// </summary>
    private static (DateTimeOffset At, bool Provisional) Deadline(
        SlaCalendar calendar,
        DateTimeOffset openedAt,
        TimeSpan budget,
        List<(DateTimeOffset Start, DateTimeOffset? Stop)> stretches,
        DateTimeOffset now)
    {
        var cursor = openedAt;
        var remaining = budget;
        foreach (var (start, stop) in stretches)
        {
            var unpaused = calendar.Add(cursor, remaining);
            if (start >= unpaused)
            {
                return (unpaused, false);
            }

            remaining -= calendar.WorkingTimeBetween(cursor, start);
            if (stop is not { } resumed)
            {
                // Stryker disable once Equality,Boolean : at start == now both give the same instant; and a provisional
                // deadline, counted from now or later with time still left, always lies after now, so the flag never
                // decides a breach on its own (it says why none can happen).
                return (calendar.Add(start > now ? start : now, remaining), true);
            }

            cursor = resumed;
        }

        return (calendar.Add(cursor, remaining), false);
    }

    /// <summary>Pauses in time order, clipped to the case's life, overlaps merged; only the last may be open.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset? Stop)> Normalize(
        IReadOnlyList<SlaPause> pauses, DateTimeOffset openedAt, DateTimeOffset? completedAt)
    {
        var result = new List<(DateTimeOffset Start, DateTimeOffset? Stop)>();
        foreach (var pause in pauses.OrderBy(p => p.Start))
        {
            // Stryker disable once Equality : at pause.Start == openedAt both give the same instant.
            var start = pause.Start < openedAt ? openedAt : pause.Start;
            var stop = completedAt is { } done ? Earliest(pause.End, done) : pause.End;
            if (completedAt is { } completed && start >= completed || stop is { } s && s <= start)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].Stop is { } previousStop && start <= previousStop)
            {
                // Stryker disable once Equality : at stop == previousStop both give the same instant.
                result[^1] = (result[^1].Start, stop is null || stop > previousStop ? stop : previousStop);
            }
            else if (result.Count == 0 || result[^1].Stop is not null)
            {
                result.Add((start, stop));
            }
        }

        return result;
    }

    // A running, unpaused target that is not breached has its deadline after now (a deadline during a pause that has
    // not begun yet is counted from that pause, which lies after now), so past the warning the deadline is next.
    private static DateTimeOffset? NextChange(SlaTargetReport report, DateTimeOffset now) =>
        report.CompletedAt is not null || report.IsPaused || report.Status == SlaStatus.Breached ? null
        : report.WarningAt > now ? report.WarningAt
        : report.DueAt;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : Earlier(a.Value, b.Value);

    // Stryker disable once Equality : at a == b both give the same instant (this also sets aside the a > b flip,
    // which the clock tests kill when it is tested).
    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
