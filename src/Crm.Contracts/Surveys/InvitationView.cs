using Crm.Domain.Surveys;

namespace Crm.Contracts.Surveys;

/// <summary>An invitation to issue. Its id names it in archives and lists; the link token is made by the grain.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.invitation-draft")]
public sealed record InvitationDraft(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string SurveyId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] SurveySource Source,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] string? CampaignId = null,
    [property: Id(6)] CaseFacts? Case = null);

/// <summary>An issued invitation: the link token is shown to whoever issued it (and to the platform's CSV), never stored in plain.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.invitation")]
public sealed record InvitationView(
    [property: Id(0)] string InvitationId,
    [property: Id(1)] string SurveyId,
    [property: Id(2)] int SurveyVersion,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] SurveySource Source,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] string Token,
    [property: Id(8)] string? CampaignId,
    [property: Id(9)] string? CaseId);

/// <summary>
/// What the survey page needs for one token, and nothing about anyone: the questions of its version while open.
/// <see cref="Status"/> is null for a token no invitation has.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.page")]
public sealed record SurveyPageView(
    [property: Id(0)] InvitationStatus? Status,
    [property: Id(1)] SurveyContent? Content);

/// <summary>How a submission on the survey page ended.</summary>
public enum SubmissionOutcome
{
    Accepted = 0,
    AlreadyAnswered = 1,
    Expired = 2,
    Unknown = 3,

    /// <summary>The answers break a rule of the survey; <see cref="SubmissionResult.Errors"/> says which.</summary>
    Invalid = 4,
}

[GenerateSerializer, Immutable, Alias("crm.surveys.submission")]
public sealed record SubmissionResult(
    [property: Id(0)] SubmissionOutcome Outcome,
    [property: Id(1)] ImmutableArray<Common.FieldError> Errors);

/// <summary>
/// One invitation, keyed by the SHA-256 of its link token (<see cref="InvitationToken.Hash"/>): the survey page finds
/// it from the token alone, and storage never holds a token that would open it.
/// </summary>
public interface IInvitationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues the invitation under this token's hash (the caller derived the token); repeating it returns the same
    /// record. The caller records it with the survey's results (one call for many, for a campaign).
    /// </summary>
    Task<InvitationRecord> IssueAsync(InvitationDraft draft, string invitationId, string token);

    /// <summary>What the survey page shows: the questions while open; only the status once answered or expired.</summary>
    Task<SurveyPageView> OpenAsync();

    /// <summary>Records the customer's answers once; a second submission is <see cref="SubmissionOutcome.AlreadyAnswered"/>.</summary>
    Task<SubmissionResult> SubmitAsync(AnswersInput answers);
}

/// <summary>An issued invitation as the survey's results keep it: counted for the response rate, listed for the CSV.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.invitation-record")]
public sealed record InvitationRecord(
    [property: Id(0)] string InvitationId,
    [property: Id(1)] string SurveyId,
    [property: Id(2)] int SurveyVersion,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] SurveySource Source,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] string? CampaignId,
    [property: Id(8)] CaseFacts? Case,
    [property: Id(9)] string TokenHash)
{
    public InvitationView WithToken(string token) =>
        new(InvitationId, SurveyId, SurveyVersion, CustomerId, Source, IssuedAt, ExpiresAt, token, CampaignId, Case?.CaseId);
}

/// <summary>A page of invitations with their links, for the platform to deliver.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.invitation-page")]
public sealed record InvitationPage(
    [property: Id(0)] ImmutableArray<InvitationView> Items,
    [property: Id(1)] string? ContinuationToken);
