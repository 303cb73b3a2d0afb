namespace Crm.Domain.Surveys;

/// <summary>One customer's answers. Dimension ratings are keyed by the dimension's key; unanswered ones are absent.</summary>
public sealed record SurveyAnswers(
    int Csat,
    IReadOnlyDictionary<string, int> Dimensions,
    int? Nps = null,
    string? Reason = null,
    string? Comment = null);
