using Crm.Domain.Cases;

namespace Crm.Contracts.Cases;

/// <summary>
/// A case as agents see it, with its SLA measured at the moment it was read. <see cref="Tone"/> is the customer's
/// tone in their latest text (the report, or their latest message); null for cases opened before tone was scored.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.case-view")]
public sealed record CaseView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string CaseId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] CaseKind Kind,
    [property: Id(4)] AfterSalesType? AfterSalesType,
    [property: Id(5)] string? OrderReference,
    [property: Id(6)] CaseSeverity Severity,
    [property: Id(7)] string Category,
    [property: Id(8)] CaseChannel Channel,
    [property: Id(9)] string Subject,
    [property: Id(10)] string Description,
    [property: Id(11)] CaseStatus Status,
    [property: Id(12)] string? Assignee,
    [property: Id(13)] bool Escalated,
    [property: Id(14)] string? MergedInto,
    [property: Id(15)] DateTimeOffset OpenedAt,
    [property: Id(16)] DateTimeOffset UpdatedAt,
    [property: Id(17)] string OpenedBy,
    [property: Id(18)] long Version,
    [property: Id(19)] CaseSla Sla,
    [property: Id(20)] ImmutableArray<CaseAction> AllowedActions,
    [property: Id(21)] ImmutableArray<SlaAlert> Alerts,
    [property: Id(22)] DateTimeOffset? ResolvedAt,
    [property: Id(23)] DateTimeOffset? ErasedAt = null,
    [property: Id(24)] Scoring.CommentScore? Tone = null);
