using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;

namespace Crm.Grains.Cases;

/// <summary>
/// What a case grain persists. The history lives in its own table rows (<see cref="EventCount"/> is its head); the
/// rest is small and bounded.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.state")]
public sealed record CaseState
{
    /// <summary>The case as reported, trimmed; null until opened.</summary>
    [Id(0)] public NewCase? Report { get; init; }

    [Id(1)] public string Category { get; init; } = "";
    [Id(2)] public CaseStatus Status { get; init; }
    [Id(3)] public string? Assignee { get; init; }
    [Id(4)] public bool Escalated { get; init; }
    [Id(5)] public string? MergedInto { get; init; }
    [Id(6)] public DateTimeOffset OpenedAt { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(8)] public string OpenedBy { get; init; } = "";
    [Id(9)] public long Version { get; init; }
    [Id(10)] public long EventCount { get; init; }

    /// <summary>The SLA policy version in force when the case opened, copied whole so it can never change under the case.</summary>
    [Id(11)] public SlaPolicyView? Policy { get; init; }

    [Id(12)] public TimelineRecord? Timeline { get; init; }

    [Id(13)] public ImmutableArray<SlaAlert> Alerts { get; init; } = [];

    /// <summary>A digest of the report a request id opened the case with, to tell a retry from a reuse of the id.</summary>
    [Id(14)] public string? RequestFingerprint { get; init; }

    /// <summary>When the case was last resolved; the reopen window counts from here.</summary>
    [Id(15)] public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The queue rows the index is known to hold; carried on the next write rather than costing one.</summary>
    [Id(16)] public ImmutableArray<QueueSlot> IndexedSlots { get; init; } = [];

    /// <summary>Effects of committed events not yet confirmed delivered (archive, notifications, webhook).</summary>
    [Id(17)] public ImmutableArray<CaseOutboxItem> Outbox { get; init; } = [];

    /// <summary>Whom the agent roster counts this case for; differs from the assignee until the roster is told.</summary>
    [Id(18)] public string? CountedAssignee { get; init; }

    /// <summary>The instant the SLA reminder is registered for; null when none is.</summary>
    [Id(19)] public DateTimeOffset? ReminderDueAt { get; init; }

    /// <summary>Cases merged into this one, so a repeated merge call records nothing twice.</summary>
    [Id(20)] public ImmutableArray<string> MergedFrom { get; init; } = [];

    /// <summary>When the customer's personal data was erased; the case holds none of their text from then on.</summary>
    [Id(21)] public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Set with <see cref="ErasedAt"/> until every history row is redacted; activation finishes what a crash left.</summary>
    [Id(22)] public bool ErasurePending { get; init; }

    /// <summary>The customer's tone in their latest text (the report at open, then each message they send).</summary>
    [Id(23)] public Contracts.Scoring.CommentScore? Tone { get; init; }

    public bool Exists => Report is not null;

    /// <summary>Open means in the queue: not resolved, closed or merged away.</summary>
    public bool IsOpen => Exists && MergedInto is null && Status is not (CaseStatus.Resolved or CaseStatus.Closed);
}
