using System.ComponentModel.DataAnnotations;
using Crm.Client.Cases;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Domain.Cases;

namespace Crm.Client.Apis;

/// <summary>A reply to the customer; <see cref="Then"/> optionally moves the case on in the same step.</summary>
public sealed record ReplyRequest([property: MaxLength(CaseText.MaxBody)] string? Text, CaseAction? Then = null);

/// <summary>An internal note, or a message the customer sent by another channel.</summary>
public sealed record TextRequest([property: MaxLength(CaseText.MaxBody)] string? Text);

public sealed record CaseActionRequest(CaseAction? Action, [property: MaxLength(CaseText.MaxBody)] string? Comment = null);

/// <summary>The username to assign to, or null to unassign.</summary>
public sealed record AssignRequest([property: MaxLength(Usernames.MaxLength)] string? Assignee);

public sealed record EscalateRequest([property: MaxLength(CaseText.MaxBody)] string? Reason);

public sealed record MergeRequest([property: MaxLength(Identifiers.MaxEntityIdLength)] string? TargetCaseId);

public sealed record AvailabilityRequest(bool Available);

/// <summary>
/// One action for many cases: <see cref="Operation"/> Assign (to <see cref="Assignee"/>, null: nobody) or ChangeStatus
/// (by <see cref="Action"/>), for 1 to <see cref="CaseCommands.MaxBulkCases"/> distinct case ids.
/// </summary>
public sealed record BulkCaseRequest(
    [property: MaxLength(CaseCommands.MaxBulkCases), ItemMaxLength(Identifiers.MaxEntityIdLength)] ImmutableArray<string> CaseIds,
    BulkCaseOperation? Operation,
    [property: MaxLength(Usernames.MaxLength)] string? Assignee = null,
    CaseAction? Action = null);

/// <summary>A bulk request's outcome: how many were done and refused, and each case's result in the order sent.</summary>
public sealed record BulkCaseResponse(int Done, int Refused, ImmutableArray<BulkCaseItem> Results);

/// <summary>
/// One case of a bulk request: <see cref="Status"/> is what the single action would have answered; <see cref="Case"/>
/// the case after it (when done), else <see cref="Problem"/> says why not, in the caller's language.
/// </summary>
public sealed record BulkCaseItem(string CaseId, int Status, CaseView? Case, string? Problem);

/// <summary>Taking a case needs no body; an empty object is fine.</summary>
public sealed record TakeRequest;

/// <summary>A new severity and/or category; null leaves it as it is.</summary>
public sealed record DetailsRequest(CaseSeverity? Severity, [property: MaxLength(CaseCategories.MaxLength)] string? Category);
