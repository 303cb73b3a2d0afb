using Crm.Domain.Sla;

namespace Crm.Contracts.Cases;

/// <summary>A case's two SLA targets at one instant, measured against the policy version it opened under.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.case-sla")]
public sealed record CaseSla(
    [property: Id(0)] int PolicyVersion,
    [property: Id(1)] SlaTargetView FirstResponse,
    [property: Id(2)] SlaTargetView Resolution,
    [property: Id(3)] DateTimeOffset? NextDueAt);

/// <summary>One target: the deadline, the warning point, working time left (negative once overdue), and status.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.sla-target")]
public sealed record SlaTargetView(
    [property: Id(0)] TimeSpan Target,
    [property: Id(1)] DateTimeOffset WarningAt,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] TimeSpan Left,
    [property: Id(4)] SlaStatus Status,
    [property: Id(5)] bool IsPaused,
    [property: Id(6)] DateTimeOffset? CompletedAt)
{
    public static SlaTargetView From(SlaTargetReport report) =>
        new(report.Target, report.WarningAt, report.DueAt, report.Left, report.Status, report.IsPaused, report.CompletedAt);
}

/// <summary>A warning or breach the clock raised on the case, when it happened.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.sla-alert")]
public sealed record SlaAlert(
    [property: Id(0)] SlaTarget Target,
    [property: Id(1)] SlaStatus Level,
    [property: Id(2)] DateTimeOffset At);
