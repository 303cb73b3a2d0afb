using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>
/// What reports need to know about a case right after one of its events. The case grain builds it from its state;
/// reconciliation rebuilds it from the history (<see cref="CaseReplay"/>); both turn it into facts the same way.
/// </summary>
public sealed record CaseTrack(
    CaseKind Kind,
    CaseChannel Channel,
    CaseSeverity Severity,
    string Category,
    CaseStatus Status,
    bool Merged,
    SlaTimeline Timeline)
{
    /// <summary>In the backlog: not resolved, closed or merged away.</summary>
    public bool IsOpen => !Merged && Status is not (CaseStatus.Resolved or CaseStatus.Closed);
}
