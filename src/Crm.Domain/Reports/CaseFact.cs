using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>
/// One case event as reports count it: the event's identity and time, the case's dimensions, and what the event
/// changed. <see cref="Key"/> (case id and sequence) makes a redelivered event count once.
/// </summary>
/// <param name="EnteredStatus">The status the event moved the case into, if it changed.</param>
/// <param name="EnteredBacklog">The case became open (opened, or reopened).</param>
/// <param name="LeftBacklog">The case stopped being open (resolved, closed, merged).</param>
/// <param name="AlertTarget">The target of an SLA warning or breach.</param>
/// <param name="FirstResponse">Set when this event was the first response.</param>
/// <param name="Resolution">Set when this event resolved the case.</param>
/// <param name="OpenedAt">When the case was opened; set on facts that enter or leave the backlog, so the backlog's
/// ageing at any instant is a sum of day aggregates (<see cref="BacklogAgeing"/>).</param>
public sealed record CaseFact(
    string CaseId,
    long Sequence,
    DateTimeOffset At,
    CaseEventType Type,
    CaseKind Kind,
    CaseChannel Channel,
    CaseSeverity Severity,
    string Category,
    CaseStatus? EnteredStatus = null,
    bool EnteredBacklog = false,
    bool LeftBacklog = false,
    SlaTarget? AlertTarget = null,
    CaseCompletion? FirstResponse = null,
    CaseCompletion? Resolution = null,
    DateTimeOffset? OpenedAt = null)
{
    public string Key => CaseId + "/" + Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
