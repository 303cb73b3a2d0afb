namespace Crm.Contracts.Surveys;

/// <summary>
/// Computes a survey's insights (key: tenant/survey), one computation at a time. Apart from
/// <see cref="ISurveyInsightsGrain"/> so that its long CPU-bound turn never blocks the grain that serves the views.
/// </summary>
public interface ISurveyInsightsComputeGrain : IGrainWithStringKey
{
    /// <summary>The insights for <paramref name="query"/> in both languages, with the survey's response count it saw.</summary>
    [ResponseTimeout("00:02:00")]
    Task<SurveyInsightsSnapshot> ComputeAsync(SurveyResultsQuery query);
}

/// <summary>One computed result in both languages, and the survey's response count when it was computed.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insights-snapshot")]
public sealed record SurveyInsightsSnapshot(
    [property: Id(0)] long Seen,
    [property: Id(1)] SurveyInsightsView English,
    [property: Id(2)] SurveyInsightsView Chinese);
