using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Cases;

/// <summary>The stored form of the domain's <see cref="SlaTimeline"/>.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.timeline")]
public sealed record TimelineRecord(
    [property: Id(0)] DateTimeOffset OpenedAt,
    [property: Id(1)] CaseSeverity Severity,
    [property: Id(2)] int PolicyVersion,
    [property: Id(3)] ImmutableArray<PauseRecord> Pauses,
    [property: Id(4)] DateTimeOffset? FirstRespondedAt,
    [property: Id(5)] DateTimeOffset? ResolvedAt)
{
    public SlaTimeline ToDomain() => new(OpenedAt, Severity, PolicyVersion)
    {
        Pauses = Pauses.IsDefault ? [] : [.. Pauses.Select(p => new SlaPause(p.Start, p.End))],
        FirstRespondedAt = FirstRespondedAt,
        ResolvedAt = ResolvedAt,
    };

    public static TimelineRecord From(SlaTimeline timeline) => new(
        timeline.OpenedAt,
        timeline.Severity,
        timeline.PolicyVersion,
        [.. timeline.Pauses.Select(p => new PauseRecord(p.Start, p.End))],
        timeline.FirstRespondedAt,
        timeline.ResolvedAt);
}

[GenerateSerializer, Immutable, Alias("crm.cases.pause")]
public sealed record PauseRecord([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset? End);
