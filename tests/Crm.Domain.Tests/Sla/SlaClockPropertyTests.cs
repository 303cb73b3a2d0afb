using Crm.Domain.Cases;
using Crm.Domain.Sla;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Sla;

/// <summary>
/// Laws of the SLA clock over made-up cases: under the 7x24 default, and under Shanghai office hours with a
/// holiday week, so that pauses cross nights, weekends and holidays. Every event of a case happens at or before
/// <c>now</c>, as it does in a grain.
/// </summary>
public sealed class SlaClockPropertyTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Origin = new(2026, 9, 1, 0, 0, 0, Cst);

    private static readonly SlaPolicy[] Policies =
    [
        SlaPolicy.Default,
        SlaPolicy.Default with
        {
            Calendar = SlaCalendar.Weekdays(
                "Asia/Shanghai",
                [(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), (TimeSpan.FromHours(13), TimeSpan.FromHours(18))],
                Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d))),
        },
        SlaPolicy.Default with
        {
            FirstResponse = TimeSpan.FromHours(8),
            Resolution = TimeSpan.FromHours(3),
            WarningShare = 0.5,
            Calendar = SlaCalendar.Weekdays("Asia/Shanghai", [(TimeSpan.FromHours(9), TimeSpan.FromHours(18))]),
        },
    ];

    /// <summary>A case made of small numbers: FsCheck shrinks them to the simplest failing case.</summary>
    private sealed record Case(SlaPolicy Policy, SlaTimeline Timeline, DateTimeOffset Now);

    // Pauses: each uint is a start (high 16 bits) and a length (low 16 bits) in minutes after the opening.
    private static List<SlaPause> ClosedPauses(DateTimeOffset openedAt, uint[]? raw) =>
        (raw ?? []).Take(6)
            .Select(r => (Start: (int)(r >> 16) % 3000, Length: 1 + ((int)(r & 0xFFFF) % 900)))
            .Select(p => new SlaPause(openedAt.AddMinutes(p.Start), openedAt.AddMinutes(p.Start + p.Length)))
            .ToList();

    private static Case Make(byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var p = Policies[policy % Policies.Length];
        var openedAt = Origin.AddMinutes(opened % (120 * 24 * 60));
        var list = ClosedPauses(openedAt, pauses);
        var timeline = new SlaTimeline(openedAt, (flags & 1) == 0 ? CaseSeverity.Normal : CaseSeverity.Major, p.Version);
        var last = list.Select(x => x.End!.Value).Append(openedAt).Max();

        if ((flags & 2) != 0)
        {
            timeline = timeline.Respond(openedAt.AddMinutes(respond % 3000));
            last = Latest(last, timeline.FirstRespondedAt!.Value);
        }

        if ((flags & 4) != 0)
        {
            // Still waiting on the customer: an open pause after every closed one.
            var openAt = last.AddMinutes(open % 600);
            list.Add(new SlaPause(openAt, null));
            last = openAt;
        }
        else if ((flags & 8) != 0)
        {
            var resolvedAt = openedAt.AddMinutes(resolve % 4000);
            timeline = timeline with { ResolvedAt = resolvedAt, FirstRespondedAt = timeline.FirstRespondedAt ?? resolvedAt };
            last = Latest(last, resolvedAt);
        }

        return new Case(p, timeline with { Pauses = list }, last.AddMinutes(later % 3000));
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static SlaReport Evaluate(Case c, IReadOnlyList<SlaPause>? pauses = null, DateTimeOffset? now = null) =>
        SlaClock.Evaluate(c.Policy, pauses is null ? c.Timeline : c.Timeline with { Pauses = pauses }, now ?? c.Now);

    private static (SlaStatus, SlaStatus) Statuses(SlaReport report) => (report.FirstResponse.Status, report.Resolution.Status);

    /// <summary>The pauses as disjoint stretches in time order: what "counted once" means.</summary>
    private static List<SlaPause> Union(IEnumerable<SlaPause> pauses)
    {
        var union = new List<SlaPause>();
        foreach (var pause in pauses.OrderBy(p => p.Start))
        {
            if (union.Count > 0 && (union[^1].End is null || pause.Start <= union[^1].End))
            {
                var end = union[^1].End is null || pause.End is null ? null : Latest(union[^1].End!.Value, pause.End.Value) as DateTimeOffset?;
                union[^1] = union[^1] with { End = end };
            }
            else
            {
                union.Add(pause);
            }
        }

        return union;
    }

    [Property(MaxTest = 150)]
    public bool Evaluate_PausesGivenInAnyOrder_GiveTheSameReport(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later, int seed)
    {
        var c = Make(policy, opened, pauses, flags, respond, resolve, open, later);
        var random = new Random(seed);
        var report = Evaluate(c);

        return report == Evaluate(c, [.. c.Timeline.Pauses.Reverse()])
               && report == Evaluate(c, [.. c.Timeline.Pauses.OrderBy(_ => random.Next())]);
    }

    [Property(MaxTest = 150)]
    public bool Evaluate_OverlappingAndNestedPauses_CountOnce(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var c = Make(policy, opened, pauses, flags, respond, resolve, open, later);

        // The same pauses again, and a pause nested in each one: nothing more is paused.
        var nested = c.Timeline.Pauses.Where(p => p.End is { } end && end - p.Start > TimeSpan.FromMinutes(2))
            .Select(p => new SlaPause(p.Start.AddMinutes(1), p.End!.Value.AddMinutes(-1)));
        var padded = c.Timeline.Pauses.Concat(c.Timeline.Pauses).Concat(nested).OrderBy(p => p.End ?? DateTimeOffset.MaxValue).ToList();

        var report = Evaluate(c, Union(c.Timeline.Pauses));
        return report == Evaluate(c) && report == Evaluate(c, padded);
    }

    [Property(MaxTest = 150)]
    public bool NextDueAt_IsTheEarliestPendingWarningOrDeadline(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var c = Make(policy, opened, pauses, flags, respond, resolve, open, later);
        var report = Evaluate(c);

        var pending = new[] { report.FirstResponse, report.Resolution }
            .Where(t => t.CompletedAt is null && !t.IsPaused && t.Status != SlaStatus.Breached)
            .SelectMany(t => new[] { t.WarningAt, t.DueAt })
            .Where(at => at > c.Now)
            .ToList();

        return report.NextDueAt == (pending.Count == 0 ? null : pending.Min());
    }

    [Property(MaxTest = 150)]
    public bool NextDueAt_IsWhenAStatusNextChanges(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var c = Make(policy, opened, pauses, flags, respond, resolve, open, later);
        var now = Statuses(Evaluate(c));

        // Nothing changes before the reminder, something changes at it; without one nothing ever changes.
        return SlaClock.NextDueAt(c.Policy, c.Timeline, c.Now) is { } next
            ? next > c.Now && Statuses(Evaluate(c, now: next.AddTicks(-1))) == now && Statuses(Evaluate(c, now: next)) != now
            : Statuses(Evaluate(c, now: c.Now.AddDays(400))) == now;
    }

    [Property(MaxTest = 150)]
    public bool Evaluate_Deadlines_NeverBeforeTheOpeningAndWarningNeverAfterTheDeadline(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var c = Make(policy, opened, pauses, flags, respond, resolve, open, later);
        var report = Evaluate(c);

        return new[] { report.FirstResponse, report.Resolution }.All(t =>
            t.WarningAt >= c.Timeline.OpenedAt && t.WarningAt <= t.DueAt && t.Left <= t.Target);
    }

    [Property(MaxTest = 150)]
    public bool Evaluate_Pauses_NeverBringADeadlineForwardAndNeverTouchTheFirstResponse(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var c = Make(policy, opened, pauses, flags, respond, resolve, open, later);
        var paused = Evaluate(c);
        var unpaused = Evaluate(c, []);

        return paused.FirstResponse == unpaused.FirstResponse
               && paused.Resolution.DueAt >= unpaused.Resolution.DueAt
               && paused.Resolution.WarningAt >= unpaused.Resolution.WarningAt
               && paused.Resolution.Left >= unpaused.Resolution.Left;
    }

    [Property(MaxTest = 150)]
    public bool Evaluate_Done_IsMetExactlyWhenBeforeTheDeadline(
        byte policy, uint opened, uint[]? pauses, byte flags, ushort respond, ushort resolve, ushort open, ushort later)
    {
        var c = Make(policy, opened, pauses, (byte)((flags & ~4) | 8), respond, resolve, open, later);
        var report = Evaluate(c);

        return new[] { report.FirstResponse, report.Resolution }.All(t =>
            t.CompletedAt is { } done && !t.IsPaused && t.Status == (done < t.DueAt ? SlaStatus.Met : SlaStatus.MetLate));
    }
}
