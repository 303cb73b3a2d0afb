namespace Crm.Contracts.Surveys;

/// <summary>One version of a survey; responses keep the version they answered.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.version")]
public sealed record SurveyVersionView(
    [property: Id(0)] int Version,
    [property: Id(1)] SurveyContent Content,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] bool Answered);

/// <summary>A survey and its current version.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.survey")]
public sealed record SurveyView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string SurveyId,
    [property: Id(2)] string Name,
    [property: Id(3)] SurveyVersionView Current,
    [property: Id(4)] int VersionCount,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);

/// <summary>A survey as the tenant's list shows it.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.summary")]
public sealed record SurveySummary(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] string Name,
    [property: Id(2)] int CurrentVersion,
    [property: Id(3)] DateTimeOffset UpdatedAt);

/// <summary>A new survey: its id (slug), name and first version.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.draft")]
public sealed record SurveyDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] SurveyContent Content);
