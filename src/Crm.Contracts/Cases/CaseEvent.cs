using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Contracts.Cases;

/// <summary>
/// One entry of a case's history: append-only, numbered per case from 1. Every change to a case is one of these,
/// so reports and scoring can consume them as events.
/// </summary>
/// <param name="Text">A reply's or note's text, or the comment on a change.</param>
/// <param name="From">The status before a status change.</param>
/// <param name="To">The status after a status change.</param>
/// <param name="Assignee">The new assignee of an assignment.</param>
/// <param name="RelatedCaseId">The other case of a merge.</param>
/// <param name="Target">The target of an SLA warning or breach.</param>
[GenerateSerializer, Immutable, Alias("crm.cases.case-event")]
public sealed record CaseEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] CaseEventType Type,
    [property: Id(3)] string Actor,
    [property: Id(4)] string? Text = null,
    [property: Id(5)] CaseStatus? From = null,
    [property: Id(6)] CaseStatus? To = null,
    [property: Id(7)] string? Assignee = null,
    [property: Id(8)] string? RelatedCaseId = null,
    [property: Id(9)] SlaTarget? Target = null);

/// <summary>A page of history, oldest first; pass <see cref="ContinuationToken"/> back for the next (newer) page.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.case-event-page")]
public sealed record CaseEventPage(
    [property: Id(0)] ImmutableArray<CaseEvent> Events,
    [property: Id(1)] string? ContinuationToken);
