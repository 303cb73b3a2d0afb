using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Contracts.Cases;

/// <summary>
/// One open case in the work queue: what an agent needs to pick it, read from the queue index without activating
/// the case. <see cref="DueAt"/> is the deadline it is chasing; a paused case shows <see cref="Left"/> frozen.
/// <see cref="Tone"/> is the customer's latest tone, so angry customers can be seen and filtered without opening cases.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.queue-item")]
public sealed record CaseQueueItem(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] CaseKind Kind,
    [property: Id(3)] CaseSeverity Severity,
    [property: Id(4)] string Category,
    [property: Id(5)] CaseStatus Status,
    [property: Id(6)] string? Assignee,
    [property: Id(7)] bool Escalated,
    [property: Id(8)] string Subject,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset DueAt,
    [property: Id(11)] SlaTarget DueTarget,
    [property: Id(12)] SlaStatus SlaStatus,
    [property: Id(13)] bool Paused,
    [property: Id(14)] TimeSpan Left,
    [property: Id(15)] CaseChannel Channel,
    [property: Id(16)] Scoring.CommentScore? Tone = null,
    [property: Id(17)] string? OrderReference = null);

/// <summary>
/// Which part of the queue to read. <see cref="Assignee"/> is a username, or <see cref="Unassigned"/>;
/// <see cref="EscalatedOnly"/> reads the escalation queue; <see cref="Tone"/> keeps only cases whose customer's latest
/// tone is that one (rows not yet scored never match); <see cref="CustomerId"/> keeps one customer's open cases (the
/// case page's "merge into" picker).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.queue-query")]
public sealed record CaseQueueQuery(
    [property: Id(0)] CaseKind? Kind = null,
    [property: Id(1)] CaseSeverity? Severity = null,
    [property: Id(2)] string? Category = null,
    [property: Id(3)] string? Assignee = null,
    [property: Id(4)] bool EscalatedOnly = false,
    [property: Id(5)] int PageSize = 20,
    [property: Id(6)] string? ContinuationToken = null,
    [property: Id(7)] Scoring.CommentTone? Tone = null,
    [property: Id(8)] string? CustomerId = null)
{
    public const string Unassigned = "-";
}

/// <summary>A page of the queue, most urgent first.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.queue-page")]
public sealed record CaseQueuePage(
    [property: Id(0)] ImmutableArray<CaseQueueItem> Items,
    [property: Id(1)] string? ContinuationToken);

/// <summary>
/// A tenant's work queue (keyed by tenant id), held in memory in urgency order: a page costs the page, however many
/// cases are open. It loads from the durable queue index when it activates; case grains tell it each change after
/// writing the index, so a restart loses nothing.
/// </summary>
public interface ICaseQueueGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<CaseQueuePage> ListAsync(CaseQueueQuery query);

    /// <summary>Adds or moves a case; called by its grain after the index row is written.</summary>
    Task TrackAsync(string sortKey, CaseQueueItem item);

    /// <summary>Drops a case that left the queue; called by its grain after the index row is deleted.</summary>
    Task ForgetAsync(string caseId);
}
