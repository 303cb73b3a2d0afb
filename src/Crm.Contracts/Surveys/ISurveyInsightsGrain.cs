using Orleans.Concurrency;

namespace Crm.Contracts.Surveys;

/// <summary>
/// What a survey's responses say about dissatisfaction (key: tenant/survey): drivers, themes and recommendations for
/// a period and filters. The default query (all responses, no filter) is computed in the background after responses
/// arrive and stored, so its page view never waits for a model; other queries are computed when asked and kept
/// until the survey records another response.
/// </summary>
public interface ISurveyInsightsGrain : IGrainWithStringKey
{
    /// <summary>
    /// The insights for the responses matching <paramref name="query"/> (its breakdown is ignored); texts in
    /// <paramref name="language"/> ("en" or "zh-CN"). Example comments come unmasked: the caller masks them. For the
    /// default query: the last stored result at once (<see cref="SurveyInsightsView.Recomputing"/> when responses
    /// arrived since), or, before the first, <see cref="SurveyInsightsView.Pending"/> after a short wait.
    /// </summary>
    // Cross-validating the driver model over tens of thousands of responses takes longer than the 2 s default.
    // Interleaved so that a filtered query's computation, or the background one, never holds up the default view.
    [ResponseTimeout("00:02:00")]
    [AlwaysInterleave]
    Task<SurveyInsightsView> GetInsightsAsync(SurveyResultsQuery query, string language);

    /// <summary>The survey recorded responses: recompute the default insights a little after the last batch (debounced).</summary>
    [OneWay]
    Task ResponsesArrivedAsync();

    /// <summary>The stored default result in <paramref name="language"/>, or null before the first; never computes.</summary>
    [AlwaysInterleave]
    Task<SurveyInsightsView?> GetStoredInsightsAsync(string language);

    /// <summary>
    /// The responses behind a figure with each comment's tone and score, optionally only those of one tone (a response
    /// without a comment has no tone and is left out by a tone filter). Comments come unmasked: the caller masks them.
    /// </summary>
    Task<ScoredResponsePage> ListScoredResponsesAsync(ResponseFilter filter, Crm.Contracts.Scoring.CommentTone? tone, int pageSize, string? continuationToken);
}
