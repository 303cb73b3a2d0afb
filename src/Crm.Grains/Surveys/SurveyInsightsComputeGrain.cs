using Crm.Contracts.Scoring;
using Crm.Contracts.Surveys;
using Crm.Domain.Localization;
using Crm.Domain.Surveys;
using Crm.Grains.Scoring;
using Crm.Scoring;
using Crm.Scoring.Insight;

namespace Crm.Grains.Surveys;

/// <summary>
/// Reads a survey's matching responses from the store, ranks drivers by permutation feature importance
/// (<see cref="DriverAnalysis"/>), contrasts the words of dissatisfied and satisfied comments (<see cref="ThemeContrast"/>)
/// and derives recommendations, in both languages. A CPU-bound turn of seconds: <see cref="SurveyInsightsGrain"/> calls
/// it and keeps serving views meanwhile; being one grain per survey, it computes one result at a time.
/// </summary>
public sealed class SurveyInsightsComputeGrain(ISurveyResponseStore store, ICommentScoring scoring, TimeProvider time) : Grain, ISurveyInsightsComputeGrain
{
    public const string Method = "permutation-feature-importance";

    /// <summary>Fewer responses than this give no drivers: the same floor as every other survey figure.</summary>
    public const int MinResponses = SurveyStatistics.MinResponses;

    /// <summary>Each side (satisfied, dissatisfied) needs this many, or five folds cannot each hold both.</summary>
    public const int MinEachSide = 10;

    public const int Folds = 5;
    public const int Permutations = 10;
    private const int PageSize = 1000;

    public async Task<SurveyInsightsSnapshot> ComputeAsync(SurveyResultsQuery query)
    {
        query = (query ?? new()) with { By = ResultsBreakdown.None };
        SurveyProblems.ThrowIfAny(query.ToDomain().Validate());
        // Settled: the responses accepted a moment ago (still queued in the results grain) are in the rows read below.
        var seen = await GrainFactory.GetGrain<ISurveyResultsGrain>(this.GetPrimaryKeyString()).SettleAsync();
        var computed = await ComputeAsync(query, seen);
        return new SurveyInsightsSnapshot(seen, Render(computed, query, Languages.English), Render(computed, query, Languages.Chinese));
    }

    /// <summary>
    /// Each response's comment score, in order (null without a comment): the one stored when it was recorded, so it
    /// names the model that made it; only rows recorded before scores were stored are scored now, in one batch.
    /// </summary>
    internal static IReadOnlyList<CommentScore?> ScoresOf(ICommentScoring scoring, string tenantId, IReadOnlyList<SurveyResponseEvent> responses)
    {
        var missing = responses.Where(r => r.CommentScore is null && !string.IsNullOrWhiteSpace(r.Answers.Comment)).Select(r => r.Answers.Comment!).ToArray();
        var fresh = scoring.ScoreBatch(tenantId, missing);
        var k = 0;
        return [.. responses.Select(r => string.IsNullOrWhiteSpace(r.Answers.Comment) ? null : r.CommentScore ?? fresh[k++])];
    }

    private async Task<Computed> ComputeAsync(SurveyResultsQuery query, long seen)
    {
        var (tenantId, surveyId) = SurveyKey.Parse(this.GetPrimaryKeyString());
        var responses = new List<SurveyResponseEvent>();
        string? token = null;
        do
        {
            var (items, next) = await store.QueryResponsesAsync(tenantId, surveyId, new ResponseFilter(query), PageSize, token);
            responses.AddRange(items);
            token = next;
        }
        while (token is not null);

        var survey = await GrainFactory.GetGrain<ISurveyGrain>(this.GetPrimaryKeyString()).GetAsync();
        var records = responses.Select(InsightRecords.From).ToArray();
        var dissatisfied = records.Count(r => !r.Satisfied);
        var scores = ScoresOf(scoring, tenantId, responses).OfType<CommentScore>().ToArray();
        var tones = new ToneCountsView(
            scores.Count(s => s.Tone == CommentTone.Dissatisfied), scores.Count(s => s.Tone == CommentTone.Neutral), scores.Count(s => s.Tone == CommentTone.Satisfied),
            scores.Length > 0 ? scores[0].ModelVersion : scoring.ServingVersion(tenantId));
        var enough = records.Length >= MinResponses && dissatisfied >= MinEachSide && records.Length - dissatisfied >= MinEachSide;
        if (!enough)
        {
            return new Computed(seen, records.Length, dissatisfied, null, [], [], tones, new Dictionary<string, (string, string)>(), time.GetUtcNow());
        }

        var analysis = DriverAnalysis.Analyze(records, Folds, Permutations);
        var themes = ThemeContrast.Find([.. records.Where(r => !string.IsNullOrWhiteSpace(r.Comment)).Select(r => (r.Comment!, r.Satisfied))], ThemeTokenizer.Terms, c => c);
        var labels = InsightRecords.Labels(survey?.Current.Content, records.Select(r => r.Categories.GetValueOrDefault(InsightRecords.Category)).OfType<string>().Distinct());
        var effects = analysis.Drivers.Where(d => d.Significant).Select(d => d.Effect).OfType<DriverEffect>();
        var recommendations = Recommendations.Derive(effects, themes, records.Length, labels);
        return new Computed(seen, records.Length, dissatisfied, analysis, themes, recommendations, tones, labels, time.GetUtcNow());
    }

    private SurveyInsightsView Render(Computed c, SurveyResultsQuery query, string language)
    {
        var chinese = language == Languages.Chinese;
        string Label(string driver) => c.Labels.TryGetValue(driver, out var l) ? (chinese ? l.Chinese : l.English) : driver;
        var drivers = c.Analysis?.Drivers.Select(d => new DriverView(
            d.Importance.Slot, Label(d.Importance.Slot), d.Importance.AucDrop, d.Importance.PermutationSpread, d.Importance.FoldSpread, d.Importance.Repeats, d.Significant,
            d.Effect is { } e
                ? new DriverEffectView(e.Threshold, e.AdverseAbove, e.AdverseRows, e.OtherRows, e.AdverseSatisfied, e.OtherSatisfied, e.Difference, e.Low, e.High, e.ShareOfDetractors, e.ExpectedGain)
                : null)) ?? [];
        return new SurveyInsightsView(
            SurveyKey.Parse(this.GetPrimaryKeyString()).Id, query, c.Responses, c.Dissatisfied, MinResponses, MinEachSide, c.Analysis is not null, Method, Folds, Permutations,
            c.Analysis?.Auc is { } auc && double.IsFinite(auc) ? auc : null,
            [.. drivers],
            [.. c.Themes.Select(t => new ThemeView(t.Term, t.Detractors, t.Satisfied, t.ShareOfDetractors, double.IsFinite(t.ShareOfSatisfied) ? t.ShareOfSatisfied : 0, t.LogOdds, t.Z, [.. t.Examples]))],
            [.. c.Recommendations.Select((r, i) => new RecommendationView(i + 1, r.Kind.ToString(), r.Subject, chinese ? r.Chinese : r.English, r.ExpectedGain, r.Effect, r.Low, r.High, r.ShareOfDetractors, r.N))],
            c.Tones, language, c.ComputedAt);
    }

    private sealed record Computed(
        long Seen, int Responses, int Dissatisfied, DriverAnalysisResult? Analysis, IReadOnlyList<Theme> Themes, IReadOnlyList<Recommendation> Recommendations,
        ToneCountsView Tones, IReadOnlyDictionary<string, (string English, string Chinese)> Labels, DateTimeOffset ComputedAt);
}
