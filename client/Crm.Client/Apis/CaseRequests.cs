using System.ComponentModel.DataAnnotations;
using Crm.Contracts.Access;
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

/// <summary>Taking a case needs no body; an empty object is fine.</summary>
public sealed record TakeRequest;

/// <summary>A new severity and/or category; null leaves it as it is.</summary>
public sealed record DetailsRequest(CaseSeverity? Severity, [property: MaxLength(CaseCategories.MaxLength)] string? Category);
