using Crm.Domain.Cases;

namespace Crm.Contracts.Cases;

/// <summary>
/// One case of one tenant, keyed by <see cref="CaseKey"/>. Validates every change with the domain's lifecycle,
/// records it in the case history and the customer's service archive, keeps the tenant's work queue in step, and
/// raises SLA warnings and breaches by reminder when they fall due, whether or not anyone is looking.
/// Every write takes the actor (a username) for the history.
/// </summary>
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Opens the case; a second open with the same request id returns the first case (Created false).</summary>
    Task<CaseOpening> OpenAsync(NewCase report, string actor);

    /// <summary>The case, or null when it does not exist.</summary>
    Task<CaseView?> GetAsync();

    /// <summary>The history, oldest first.</summary>
    Task<CaseEventPage> GetHistoryAsync(int pageSize, string? continuationToken);

    /// <summary>
    /// A public reply to the customer; the first one is the first response. <paramref name="then"/> optionally
    /// applies an action in the same step (typically wait on the customer, or resolve).
    /// </summary>
    Task<CaseView> ReplyAsync(string text, CaseAction? then, string actor);

    /// <summary>An internal note; the customer never sees it.</summary>
    Task<CaseView> AddNoteAsync(string text, string actor);

    /// <summary>Moves the case through its lifecycle; an action the status does not allow is a conflict saying what is.</summary>
    Task<CaseView> ApplyAsync(CaseAction action, string? comment, string actor);

    /// <summary>
    /// The customer wrote again: resumes a case waiting on them, reopens a resolved one within the tenant's reopen
    /// window, and is a conflict (open a new case) after it.
    /// </summary>
    Task<CaseView> ReceiveCustomerMessageAsync(string text, string actor);

    /// <summary>Assigns to a user of the tenant who works cases, or unassigns with null.</summary>
    Task<CaseView> AssignAsync(string? assignee, string actor);

    /// <summary>Assigns to an agent picked by the tenant's assignment rule; unchanged when nobody is available.</summary>
    Task<CaseView> AutoAssignAsync(string actor);

    /// <summary>Puts the case in the escalation queue and tells the team leads; idempotent while escalated.</summary>
    Task<CaseView> EscalateAsync(string reason, string actor);

    /// <summary>Merges this duplicate into <paramref name="targetCaseId"/> of the same customer; this case closes.</summary>
    Task<CaseView> MergeIntoAsync(string targetCaseId, string actor);

    /// <summary>
    /// Re-triages an open case: a new severity moves its resolution deadline (major faults get the major target of
    /// the case's own policy version), a new category must be one of the tenant's. Null leaves a field as it is.
    /// </summary>
    Task<CaseView> ChangeDetailsAsync(CaseSeverity? severity, string? category, string actor);

    /// <summary>
    /// Called by the customer's erasure: drops the subject, description and every history text, keeping kinds, times
    /// and statuses for reports; from then on the case takes no new text. Idempotent.
    /// </summary>
    Task ErasePersonalDataAsync(string actor);

    /// <summary>Called by a case being merged into this one; records the merge and carries on.</summary>
    Task AcceptMergeAsync(string sourceCaseId, string sourceSubject, string actor);
}
