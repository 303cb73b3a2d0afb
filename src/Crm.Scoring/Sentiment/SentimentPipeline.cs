using Microsoft.ML;
using Crm.Scoring.Data;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms.Text;

namespace Crm.Scoring.Sentiment;

/// <summary>
/// Builds the comment-sentiment estimator: text features (see <see cref="SentimentOptions"/>), then a binary learner
/// whose label is "dissatisfied", so the model's probability is the probability of dissatisfaction.
/// </summary>
internal static class SentimentPipeline
{
    public const string Text = nameof(SentimentRow.Text);
    public const string Words = nameof(SentimentRow.Words);
    public const string Label = nameof(SentimentRow.Label);
    public const string Lexicon = nameof(SentimentRow.Lexicon);
    public const string Probability = "Probability";
    private const string CharFeatures = "CharFeatures";
    private const string WordFeatures = "WordFeatures";
    private const string Features = "Features";
    private const string CharBlock = "CharBlock";
    private const string WordBlock = "WordBlock";
    private const string FirstProbability = "FirstProbability";

    /// <summary>
    /// Fits the whole model on prepared rows: featurizers, then (for <see cref="FeatureWeighting.LogCountRatio"/>) each
    /// n-gram block's scaling from the training labels, then the learner; one chain, saved and loaded as one file.
    /// </summary>
    public static ITransformer Fit(MLContext ml, SentimentOptions options, IDataView data)
    {
        var (fitted, featurized, columns) = FitFeatures(ml, options, data);
        fitted.Add(BuildLearner(ml, options, columns).Fit(featurized));
        return new TransformerChain<ITransformer>([.. fitted]);
    }

    /// <summary>
    /// The accuracy on <paramref name="validation"/> of the learner trained on <paramref name="train"/> with each L2 in
    /// <paramref name="candidates"/>; the features are fitted once, on the training part only.
    /// </summary>
    public static double[] ValidationAccuracies(MLContext ml, SentimentOptions options, IDataView train, IDataView validation, IReadOnlyList<float> candidates)
    {
        var (fitted, featurized, columns) = FitFeatures(ml, options, train);
        var features = new TransformerChain<ITransformer>([.. fitted]);
        var cachedTrain = ml.Data.Cache(featurized);
        var cachedValidation = ml.Data.Cache(features.Transform(validation));
        var labels = cachedValidation.GetColumn<bool>(Label).ToArray();
        return [.. candidates.Select(l2 =>
        {
            var learner = BuildLearner(ml, options with { L2Regularization = l2 }, columns).Fit(cachedTrain);
            var probabilities = learner.Transform(cachedValidation).GetColumn<float>(Probability).ToArray();
            return (double)labels.Where((dissatisfied, i) => probabilities[i] >= 0.5f == dissatisfied).Count() / labels.Length;
        })];
    }

    private static (List<ITransformer> Fitted, IDataView Featurized, List<string> Columns) FitFeatures(MLContext ml, SentimentOptions options, IDataView data)
    {
        var (featurizer, columns) = BuildFeaturizer(ml, options);
        var fitted = new List<ITransformer> { featurizer.Fit(data) };
        var featurized = fitted[0].Transform(data);
        if (options.Weighting == FeatureWeighting.LogCountRatio)
        {
            foreach (var column in columns.Where(c => c is CharFeatures or WordFeatures))
            {
                var scaling = LogCountRatioScaling.Fit(ml, featurized, column, Label);
                fitted.Add(scaling);
                featurized = scaling.Transform(featurized);
            }
        }

        return (fitted, featurized, columns);
    }

    private static (IEstimator<ITransformer> Featurizer, List<string> Columns) BuildFeaturizer(MLContext ml, SentimentOptions options)
    {
        var weighting = options.Weighting == FeatureWeighting.TfIdf
            ? NgramExtractingEstimator.WeightingCriteria.TfIdf
            : NgramExtractingEstimator.WeightingCriteria.Tf;
        var columns = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (options.UsesChars)
        {
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText(CharFeatures, new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.None, // TextNormalizer already lowered and folded widths.
                KeepPunctuations = true,
                KeepNumbers = true,
                KeepDiacritics = true,
                WordFeatureExtractor = null,
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.CharNgramLength, UseAllLengths = true, Weighting = weighting },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, Text));
            columns.Add(CharFeatures);
        }

        if (options.UsesWords)
        {
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText(WordFeatures, new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepPunctuations = false,
                KeepNumbers = true,
                KeepDiacritics = true,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgramLength, UseAllLengths = true, Weighting = weighting },
                CharFeatureExtractor = null,
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, Words));
            columns.Add(WordFeatures);
        }

        if (options.LexiconFeatures)
        {
            columns.Add(Lexicon);
        }

        return (pipeline, columns);
    }

    private static IEstimator<ITransformer> BuildLearner(MLContext ml, SentimentOptions options, List<string> columns)
    {
        var pipeline = ml.Transforms.Concatenate(Features, [.. columns]);
        return options.Trainer switch
        {
            TrainerKind.Sdca => pipeline.Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(Label, Features)),
            TrainerKind.Lbfgs => pipeline.Append(Lbfgs(ml, options, Features)),
            TrainerKind.AveragedPerceptron => pipeline
                .Append(ml.BinaryClassification.Trainers.AveragedPerceptron(Label, Features, numberOfIterations: 10))
                .Append(ml.BinaryClassification.Calibrators.Platt(Label)),
            // Two learners in one chain: the first one's probability is kept under another name, the second's is
            // averaged with it into the column serving reads (the last column of a name is the one a reader sees).
            TrainerKind.LbfgsPlusLightGbm => pipeline
                .Append(Lbfgs(ml, options, Features))
                .Append(ml.Transforms.CopyColumns(FirstProbability, Probability))
                .Append(ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    LabelColumnName = Label,
                    FeatureColumnName = Features,
                    NumberOfIterations = 300,
                    NumberOfLeaves = 31,
                    MinimumExampleCountPerLeaf = 10,
                    LearningRate = 0.1,
                    Seed = SentimentTraining.Seed,
                    NumberOfThreads = 1, // one thread: the same model on every run, and the machine's other core for others
                }))
                .Append(Average(ml)),
            TrainerKind.LbfgsPerBlock => PerBlock(ml, options, columns),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
    }

    private static IEstimator<ITransformer> PerBlock(MLContext ml, SentimentOptions options, List<string> columns)
    {
        if (!columns.Contains(CharFeatures) || !columns.Contains(WordFeatures))
        {
            throw new ScoringInputException("--trainer LbfgsPerBlock needs --features WordsAndChars.");
        }

        string[] WithCues(string block) => options.LexiconFeatures ? [block, Lexicon] : [block];
        return ml.Transforms.Concatenate(CharBlock, WithCues(CharFeatures))
            .Append(ml.Transforms.Concatenate(WordBlock, WithCues(WordFeatures)))
            .Append(Lbfgs(ml, options, CharBlock))
            .Append(ml.Transforms.CopyColumns(FirstProbability, Probability))
            .Append(Lbfgs(ml, options, WordBlock))
            .Append(Average(ml));
    }

    private static LbfgsLogisticRegressionBinaryTrainer Lbfgs(MLContext ml, SentimentOptions options, string features) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            Label, features, l1Regularization: 0, l2Regularization: options.L2Regularization, optimizationTolerance: options.OptimizationTolerance);

    // ML.NET's expression transform saves and loads with the model file, unlike a custom mapping.
    private static IEstimator<ITransformer> Average(MLContext ml) =>
        ml.Transforms.Expression(Probability, "(a, b) => (a + b) / 2", FirstProbability, Probability);

    /// <summary>The same preparation in training and serving: normalization, and segmentation when words are used.</summary>
    public static SentimentRow Prepare(string text, bool dissatisfied, SentimentOptions options)
    {
        var normalized = TextNormalizer.Normalize(text);
        var cues = options.LexiconFeatures ? SentimentLexicon.Score(normalized) : new LexiconResult(0, 0);
        return new SentimentRow
        {
            Text = normalized,
            Words = !options.UsesWords ? string.Empty : options.NegationScope ? NegationScope.Segment(normalized, options.SegmenterHmm) : WordSegmenter.Segment(normalized, options.SegmenterHmm),
            // The team's cue counts as prior knowledge the learner can weigh: it helps most where labels are few.
            Lexicon = [MathF.Log(1 + cues.PositiveCues), MathF.Log(1 + cues.NegativeCues)],
            Label = dissatisfied,
        };
    }
}

/// <summary>The pipeline's input row.</summary>
internal sealed class SentimentRow
{
    public string Text { get; set; } = string.Empty;

    public string Words { get; set; } = string.Empty;

    /// <summary>log(1 + positive cues), log(1 + negative cues) of the lexicon rule; zeros when not used.</summary>
    [VectorType(2)]
    public float[] Lexicon { get; set; } = [0, 0];

    /// <summary>True when the text is dissatisfied (the file's label 0).</summary>
    public bool Label { get; set; }
}

/// <summary>The pipeline's output row, as read by a <see cref="PredictionEngine{TSrc,TDst}"/>.</summary>
internal sealed class SentimentOutput
{
    [ColumnName(SentimentPipeline.Probability)]
    public float Probability { get; set; }
}
