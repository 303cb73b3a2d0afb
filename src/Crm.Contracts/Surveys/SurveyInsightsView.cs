namespace Crm.Contracts.Surveys;

/// <summary>
/// The insights for a survey's responses in a period. With too few responses (<see cref="Enough"/> false) there are
/// no drivers, themes or recommendations: the counts say why.
/// </summary>
/// <param name="Responses">Responses analysed (those matching the query).</param>
/// <param name="Dissatisfied">Of them, rated CSAT 1-3 (not satisfied).</param>
/// <param name="Method">How drivers are ranked: "permutation-feature-importance" (see <see cref="DriverView"/>).</param>
/// <param name="ModelAuc">Cross-validated AUC of the driver model; null with too few responses.</param>
/// <param name="Tones">Comments by tone (dissatisfied, neutral, satisfied) as the comment scorer sees them.</param>
/// <param name="ComputedAt">When the figures were computed: the "as of" of a result computed in the background.</param>
/// <param name="Recomputing">Responses arrived since <paramref name="ComputedAt"/>; a newer result is being computed.</param>
/// <param name="Pending">No result has been computed yet (the first is under way): every figure is empty.</param>
[GenerateSerializer, Immutable, Alias("crm.surveys.insights")]
public sealed record SurveyInsightsView(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] SurveyResultsQuery Query,
    [property: Id(2)] int Responses,
    [property: Id(3)] int Dissatisfied,
    [property: Id(4)] int MinResponses,
    [property: Id(5)] int MinEachSide,
    [property: Id(6)] bool Enough,
    [property: Id(7)] string Method,
    [property: Id(8)] int Folds,
    [property: Id(9)] int Permutations,
    [property: Id(10)] double? ModelAuc,
    [property: Id(11)] ImmutableArray<DriverView> Drivers,
    [property: Id(12)] ImmutableArray<ThemeView> Themes,
    [property: Id(13)] ImmutableArray<RecommendationView> Recommendations,
    [property: Id(14)] ToneCountsView Tones,
    [property: Id(15)] string Language,
    [property: Id(16)] DateTimeOffset ComputedAt,
    [property: Id(17)] bool Recomputing = false,
    [property: Id(18)] bool Pending = false);

/// <summary>
/// A driver: a case fact, a dimension rating, or one value of a category (e.g. <c>channel=Email</c>). Its importance is
/// the drop in held-out AUC when its values are shuffled (mean over folds), with the standard deviation over the
/// repeated permutations and across folds; <see cref="Significant"/> when it is above zero and twice its spread.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insight-driver")]
public sealed record DriverView(
    [property: Id(0)] string Driver,
    [property: Id(1)] string Label,
    [property: Id(2)] double Importance,
    [property: Id(3)] double PermutationSpread,
    [property: Id(4)] double FoldSpread,
    [property: Id(5)] int Repeats,
    [property: Id(6)] bool Significant,
    [property: Id(7)] DriverEffectView? Effect);

/// <summary>
/// The observed effect of a driver's adverse side (a fact that holds, or a value beyond the median the way that goes with
/// lower satisfaction) against the rest: satisfied shares, their difference with a 95% interval, the share of all
/// dissatisfied responses on that side, and the CSAT points gained if that side did as well as the rest.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insight-effect")]
public sealed record DriverEffectView(
    [property: Id(0)] double Threshold,
    [property: Id(1)] bool AdverseAbove,
    [property: Id(2)] int AdverseRows,
    [property: Id(3)] int OtherRows,
    [property: Id(4)] double AdverseSatisfied,
    [property: Id(5)] double OtherSatisfied,
    [property: Id(6)] double Difference,
    [property: Id(7)] double Low,
    [property: Id(8)] double High,
    [property: Id(9)] double ShareOfDetractors,
    [property: Id(10)] double ExpectedGain);

/// <summary>A word or phrase that sets dissatisfied comments apart, with its counts, shares, log odds and a few example comments.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insight-theme")]
public sealed record ThemeView(
    [property: Id(0)] string Term,
    [property: Id(1)] int Detractors,
    [property: Id(2)] int Satisfied,
    [property: Id(3)] double ShareOfDetractors,
    [property: Id(4)] double ShareOfSatisfied,
    [property: Id(5)] double LogOdds,
    [property: Id(6)] double Z,
    [property: Id(7)] ImmutableArray<string> Examples);

/// <summary>A recommendation with its evidence, ranked by the expected CSAT gain; <see cref="Kind"/> is "Driver" or "Theme".</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insight-recommendation")]
public sealed record RecommendationView(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Text,
    [property: Id(4)] double ExpectedGain,
    [property: Id(5)] double Effect,
    [property: Id(6)] double Low,
    [property: Id(7)] double High,
    [property: Id(8)] double ShareOfDetractors,
    [property: Id(9)] int N);

/// <summary>How many comments the scorer put in each tone, and what scored them (a model version or the lexicon rule).</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insight-tones")]
public sealed record ToneCountsView(
    [property: Id(0)] int Dissatisfied,
    [property: Id(1)] int Neutral,
    [property: Id(2)] int Satisfied,
    [property: Id(3)] string ModelVersion);

/// <summary>A response with its comment's score (null without a comment).</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.scored-response")]
public sealed record ScoredResponseView(
    [property: Id(0)] SurveyResponseEvent Response,
    [property: Id(1)] Crm.Contracts.Scoring.CommentScore? Score);

/// <summary>A page of scored responses; it may hold fewer than asked when a tone filter skipped rows, and more may follow.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.scored-response-page")]
public sealed record ScoredResponsePage(
    [property: Id(0)] ImmutableArray<ScoredResponseView> Items,
    [property: Id(1)] string? ContinuationToken);
