using Crm.Domain.Surveys;

namespace Crm.Contracts.Surveys;

/// <summary>A customer's answers as sent: CSAT 1-5; dimension ratings by key; NPS 0-10; a reason key; a comment.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.answers")]
public sealed record AnswersInput(
    [property: Id(0)] int Csat,
    [property: Id(1)] ImmutableDictionary<string, int>? Dimensions = null,
    [property: Id(2)] int? Nps = null,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] string? Comment = null)
{
    public SurveyAnswers ToDomain() => new(Csat, Dimensions ?? ImmutableDictionary<string, int>.Empty, Nps, Reason, Comment);

    public static AnswersInput From(SurveyAnswers a) => new(a.Csat, a.Dimensions.ToImmutableDictionary(), a.Nps, a.Reason, a.Comment);
}

/// <summary>
/// A response to record: the platform's (API, import) or the survey page's. <see cref="ResponseId"/> is what makes
/// it idempotent: the same id again adds nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.response-input")]
public sealed record ResponseInput(
    [property: Id(0)] string ResponseId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] DateTimeOffset AnsweredAt,
    [property: Id(3)] AnswersInput Answers,
    [property: Id(4)] int? Version = null,
    [property: Id(5)] SurveySource Source = SurveySource.Platform,
    [property: Id(6)] string? InvitationId = null,
    [property: Id(7)] string? CampaignId = null,
    [property: Id(8)] CaseFacts? Case = null,
    [property: Id(9)] DateTimeOffset? InvitedAt = null);

/// <summary>
/// One recorded response: the survey event that reports consume, as case events are. It keeps the version it
/// answered, and for a transactional survey the case's facts. A response with a comment carries the comment's
/// score as it was scored when recorded (with the model version that made it); one without a comment has none.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.response")]
public sealed record SurveyResponseEvent(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string SurveyId,
    [property: Id(2)] int Version,
    [property: Id(3)] string ResponseId,
    [property: Id(4)] string CustomerId,
    [property: Id(5)] DateTimeOffset AnsweredAt,
    [property: Id(6)] SurveySource Source,
    [property: Id(7)] AnswersInput Answers,
    [property: Id(8)] string? InvitationId,
    [property: Id(9)] string? CampaignId,
    [property: Id(10)] CaseFacts? Case,
    [property: Id(11)] DateTimeOffset RecordedAt,
    [property: Id(12)] DateOnly? InvitedOn = null,
    [property: Id(13)] Crm.Contracts.Scoring.CommentScore? CommentScore = null);

/// <summary>What recording a batch did: rows new and rows already there (a retry or a re-import); nothing else is written.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.record-outcome")]
public sealed record RecordOutcome([property: Id(0)] int Added, [property: Id(1)] int AlreadyRecorded);

/// <summary>A page of responses, newest first by id order of the store.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.response-page")]
public sealed record SurveyResponsePage(
    [property: Id(0)] ImmutableArray<SurveyResponseEvent> Items,
    [property: Id(1)] string? ContinuationToken);
