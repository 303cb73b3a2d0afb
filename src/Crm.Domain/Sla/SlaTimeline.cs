using Crm.Domain.Cases;

namespace Crm.Domain.Sla;

/// <summary>
/// The facts the SLA clock needs about one case; a grain persists this and asks <see cref="SlaClock"/> about it.
/// Each method returns the timeline after one event and ignores events that change nothing (idempotent).
/// </summary>
public sealed record SlaTimeline(DateTimeOffset OpenedAt, CaseSeverity Severity, int PolicyVersion)
{
    /// <summary>Stretches during which the resolution clock stood still, in time order.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; init; } = [];

    public DateTimeOffset? FirstRespondedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Compares the pauses by content, so a grain can skip writing an unchanged timeline.</summary>
    public bool Equals(SlaTimeline? other) =>
        other is not null && OpenedAt == other.OpenedAt && Severity == other.Severity && PolicyVersion == other.PolicyVersion &&
        FirstRespondedAt == other.FirstRespondedAt && ResolvedAt == other.ResolvedAt && Pauses.SequenceEqual(other.Pauses);

    public override int GetHashCode() => HashCode.Combine(OpenedAt, Severity, PolicyVersion, FirstRespondedAt, ResolvedAt, Pauses.Count);

    public bool IsPaused => Pauses.Count > 0 && Pauses[^1].End is null;

    /// <summary>The case started waiting on the customer.</summary>
    public SlaTimeline Pause(DateTimeOffset at) =>
        IsPaused || ResolvedAt is not null ? this : this with { Pauses = [.. Pauses, new SlaPause(at, null)] };

    /// <summary>The customer replied (or the agent resumed work).</summary>
    public SlaTimeline Resume(DateTimeOffset at) =>
        IsPaused ? this with { Pauses = [.. Pauses.Take(Pauses.Count - 1), Pauses[^1] with { End = at }] } : this;

    /// <summary>A public response went out; only the first one counts.</summary>
    public SlaTimeline Respond(DateTimeOffset at) => FirstRespondedAt is null ? this with { FirstRespondedAt = at } : this;

    /// <summary>Resolution ends any pause, and is also the first response when none came before (resolve from New).</summary>
    public SlaTimeline Resolve(DateTimeOffset at) =>
        ResolvedAt is not null ? this : Resume(at).Respond(at) with { ResolvedAt = at };

    /// <summary>
    /// A reopened case runs on against the same resolution target; the time it spent resolved counts as paused,
    /// because nobody could work on it then.
    /// </summary>
    public SlaTimeline Reopen(DateTimeOffset at) =>
        ResolvedAt is { } resolved
            ? this with { ResolvedAt = null, Pauses = [.. Pauses, new SlaPause(resolved, at)] }
            : this;
}
