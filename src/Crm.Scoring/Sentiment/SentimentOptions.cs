using System.Text.Json.Serialization;

namespace Crm.Scoring.Sentiment;

/// <summary>Which features the comment-sentiment pipeline builds from a text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureSet>))]
public enum FeatureSet
{
    /// <summary>Character n-grams of the normalized text: needs no segmenter, works for any script.</summary>
    Chars,

    /// <summary>Word n-grams over jieba.NET segmentation.</summary>
    Words,

    /// <summary>Both, concatenated.</summary>
    WordsAndChars,
}

/// <summary>The learner that turns the features into a probability of dissatisfaction.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainerKind>))]
public enum TrainerKind
{
    /// <summary>Logistic regression by stochastic dual coordinate ascent: calibrated, fast on sparse text.</summary>
    Sdca,

    /// <summary>Logistic regression by L-BFGS with L2 regularization.</summary>
    Lbfgs,

    /// <summary>Averaged perceptron with a Platt calibrator for probabilities.</summary>
    AveragedPerceptron,

    /// <summary>An ensemble: L-BFGS logistic regression and LightGBM on the same features, probabilities averaged.</summary>
    LbfgsPlusLightGbm,

    /// <summary>
    /// An ensemble of featurizations: one L-BFGS logistic regression on the character n-grams, one on the word n-grams
    /// (each with the lexicon cues), probabilities averaged. Needs <see cref="FeatureSet.WordsAndChars"/>.
    /// </summary>
    LbfgsPerBlock,
}

/// <summary>
/// The featurization and learner of a comment-sentiment model; stored beside each model file so a model is always
/// served with the featurization it was trained with. <see cref="Default"/> is the measured best (docs/models.md); the
/// parameters' own defaults are what a manifest stored before an option existed meant, so an old model reads as it was trained.
/// </summary>
public sealed record SentimentOptions(
    FeatureSet Features = FeatureSet.WordsAndChars,
    int CharNgramLength = 3,
    int WordNgramLength = 2,
    TrainerKind Trainer = TrainerKind.Lbfgs,
    float L2Regularization = 0.01f,
    bool LexiconFeatures = true,
    FeatureWeighting Weighting = FeatureWeighting.Tf,
    bool NegationScope = false,
    bool TuneL2 = false,
    bool SegmenterHmm = true,
    float OptimizationTolerance = SentimentOptions.LbfgsDefaultTolerance)
{
    /// <summary>ML.NET's own L-BFGS tolerance, which every model before the option was trained with.</summary>
    public const float LbfgsDefaultTolerance = 1e-7f;

    /// <summary>
    /// The L2 strengths <see cref="TuneL2"/> chooses from on an inner split of the training data: the best measured on
    /// ChnSentiCorp and Yelp (0.01) and on waimai_10k (0.1), with one between.
    /// </summary>
    public static IReadOnlyList<float> L2Candidates { get; } = [0.01f, 0.03f, 0.1f];

    /// <summary>
    /// Naive-Bayes log-count-ratio weights, the English negation scope and L2 0.1: better than the plain Tf pipeline on
    /// ChnSentiCorp, waimai_10k and UCI Yelp at once (5-fold, docs/models.md); 0.01 lost on waimai with these weights.
    /// </summary>
    public static SentimentOptions Default { get; } = new(L2Regularization: 0.1f, Weighting: FeatureWeighting.LogCountRatio, NegationScope: true);

    public bool UsesWords => Features is FeatureSet.Words or FeatureSet.WordsAndChars;

    public bool UsesChars => Features is FeatureSet.Chars or FeatureSet.WordsAndChars;

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Features} (chars 1-{CharNgramLength}, words 1-{WordNgramLength}), {Trainer}{(UsesLbfgs ? $" (L2 {L2Regularization}{(TuneL2 ? ", tuned" : string.Empty)})" : string.Empty)}{(LexiconFeatures ? ", lexicon cues" : string.Empty)}{WeightingText}{(NegationScope ? ", negation scope" : string.Empty)}{(SegmenterHmm ? string.Empty : ", jieba without HMM")}{(OptimizationTolerance == LbfgsDefaultTolerance ? string.Empty : $", tolerance {OptimizationTolerance}")}");

    public bool UsesLbfgs => Trainer is TrainerKind.Lbfgs or TrainerKind.LbfgsPlusLightGbm or TrainerKind.LbfgsPerBlock;

    // Added after models were stored: a stored text without it was trained with Tf, so Tf adds nothing to the text.
    private string WeightingText => Weighting switch
    {
        FeatureWeighting.Tf => string.Empty,
        FeatureWeighting.TfIdf => ", TF-IDF",
        FeatureWeighting.LogCountRatio => ", log-count-ratio weights",
        _ => $", {Weighting}",
    };
}
