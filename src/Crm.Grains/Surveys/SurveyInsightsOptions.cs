namespace Crm.Grains.Surveys;

/// <summary>When a survey's default insights are recomputed in the background (<see cref="SurveyInsightsGrain"/>).</summary>
public sealed class SurveyInsightsOptions
{
    public const string SectionName = "Crm:Surveys:Insights";

    /// <summary>How long after the last batch of responses to recompute: a burst of batches costs one computation.</summary>
    public TimeSpan RecomputeAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A steady stream of batches postpones the recompute at most this long after the first of them.</summary>
    public TimeSpan LongestDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a view waits for the very first result before answering "pending" (a page must answer within 2 s).</summary>
    public TimeSpan FirstResultWait { get; set; } = TimeSpan.FromSeconds(1.5);
}
