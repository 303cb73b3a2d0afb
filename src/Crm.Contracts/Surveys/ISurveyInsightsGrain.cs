namespace Crm.Contracts.Surveys;

/// <summary>
/// What a survey's responses say about dissatisfaction (key: tenant/survey): drivers, themes and recommendations for
/// a period and filters. Computed from the stored responses and kept per query until the survey records another
/// response, so page views do not retrain the model.
/// </summary>
public interface ISurveyInsightsGrain : IGrainWithStringKey
{
    /// <summary>
    /// The insights for the responses matching <paramref name="query"/> (its breakdown is ignored); texts in
    /// <paramref name="language"/> ("en" or "zh-CN"). Example comments come unmasked: the caller masks them.
    /// </summary>
    // Cross-validating the driver model over tens of thousands of responses takes longer than the 2 s default.
    [ResponseTimeout("00:02:00")]
    Task<SurveyInsightsView> GetInsightsAsync(SurveyResultsQuery query, string language);

    /// <summary>
    /// The responses behind a figure with each comment's tone and score, optionally only those of one tone (a response
    /// without a comment has no tone and is left out by a tone filter). Comments come unmasked: the caller masks them.
    /// </summary>
    Task<ScoredResponsePage> ListScoredResponsesAsync(ResponseFilter filter, Crm.Contracts.Scoring.CommentTone? tone, int pageSize, string? continuationToken);
}
