using System.Diagnostics;
using Crm.Scoring.Data;
using Crm.Scoring.Evaluation;
using Crm.Scoring.Sentiment;
using Microsoft.ML;

namespace Crm.Scoring.Satisfaction;

/// <summary>How the satisfaction model is trained.</summary>
/// <param name="MinimumComments">Below this many comments (or without both labels among them) the lexicon rule scores comments.</param>
/// <param name="InnerFolds">The comment model's scores on training rows come from models that did not see those rows (cross-fitting),
/// so the satisfaction model does not learn to trust an over-fitted comment score.</param>
/// <param name="Permutations">Repeats of each driver's permutation, for the spread of its importance.</param>
public sealed record SatisfactionOptions(
    SentimentOptions? Comments = null,
    bool UseComments = true,
    int MinimumComments = 100,
    int InnerFolds = 3,
    int Permutations = 10)
{
    public SentimentOptions CommentOptions => Comments ?? SentimentOptions.Default;
}

public static class SatisfactionTraining
{
    public static SatisfactionModel Train(IReadOnlyList<SatisfactionRecord> records, SatisfactionOptions options)
    {
        if (records.All(r => r.Satisfied) || records.All(r => !r.Satisfied))
        {
            throw new ScoringInputException("training data needs both satisfied and dissatisfied responses.");
        }

        var ml = new MLContext(seed: SentimentTraining.Seed);
        var prepared = options.UseComments ? records : [.. records.Select(r => r with { Comment = null })];
        var schema = DriverSchema.Learn(prepared);
        var comments = CommentModel(prepared, options);
        var data = DriverRows.Load(ml, schema, prepared, CrossFittedCommentScores(prepared, options, comments));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(DriverRows.LabelColumn, DriverRows.FeaturesColumn, l1Regularization: 0, l2Regularization: 0.1f);
        return new SatisfactionModel(ml, schema, comments, trainer.Fit(data));
    }

    /// <summary>
    /// K-fold cross-validation: metrics per fold, and each driver's permutation importance (drop in AUC when the
    /// slot's values are shuffled among the held-out rows) with its spread over repeats and folds.
    /// </summary>
    public static SatisfactionEvaluation CrossValidate(IReadOnlyList<SatisfactionRecord> records, int folds, SatisfactionOptions options)
    {
        var clock = Stopwatch.StartNew();
        // Folds by response, not by text: short comments such as 好评 recur across customers, in production too.
        var assignment = FoldSplitter.Assign(ResponseKeys(records), records.Select(r => r.Satisfied).ToArray(), folds, SentimentTraining.Seed);
        var metrics = new List<BinaryMetrics>();
        var importances = new List<IReadOnlyList<(double Mean, double Sd)>>();
        IReadOnlyList<string> slots = [];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = records.Where((_, i) => assignment[i] != fold).ToArray();
            var test = records.Where((_, i) => assignment[i] == fold).ToArray();
            var model = Train(train, options);
            var testRecords = options.UseComments ? test : [.. test.Select(r => r with { Comment = null })];
            metrics.Add(BinaryMetrics.Compute(test.Select(r => r.Satisfied).ToArray(), model.PredictSatisfied(testRecords)));
            var data = DriverRows.Load(model.Context, model.Schema, testRecords, SatisfactionModel.CommentScores(model.Comments, testRecords));
            var pfi = model.Context.BinaryClassification.PermutationFeatureImportance(
                model.PredictionTransformer, model.PredictionTransformer.Transform(data), DriverRows.LabelColumn, permutationCount: options.Permutations);
            importances.Add([.. pfi.Select(p => (-p.AreaUnderRocCurve.Mean, p.AreaUnderRocCurve.StandardDeviation))]);
            slots = model.Schema.SlotNames; // Slots can differ by fold (a rare category); the names below come from the last fold.
        }

        var common = importances.Min(i => i.Count);
        var drivers = Enumerable.Range(0, common).Select(s =>
        {
            var means = importances.Select(i => i[s].Mean).ToArray();
            var foldMean = means.Average();
            var foldSpread = Math.Sqrt(means.Sum(m => (m - foldMean) * (m - foldMean)) / Math.Max(1, means.Length - 1));
            return new DriverImportance(slots[s], foldMean, importances.Average(i => i[s].Sd), foldSpread, options.Permutations * folds);
        }).OrderByDescending(d => d.AucDrop).ToArray();
        return new SatisfactionEvaluation(BinaryMetrics.Mean(metrics), metrics, drivers, records.Count, clock.Elapsed.TotalSeconds);
    }

    private static SentimentModel? CommentModel(IReadOnlyList<SatisfactionRecord> records, SatisfactionOptions options)
    {
        var labeled = LabeledComments(records);
        return labeled.Count >= options.MinimumComments && labeled.Any(r => r.Positive) && labeled.Any(r => !r.Positive)
            ? SentimentTraining.Train(labeled, options.CommentOptions).Model
            : null;
    }

    private static double?[] CrossFittedCommentScores(IReadOnlyList<SatisfactionRecord> records, SatisfactionOptions options, SentimentModel? full)
    {
        if (full is null)
        {
            return SatisfactionModel.CommentScores(null, records);
        }

        var scores = new double?[records.Count];
        var inner = FoldSplitter.Assign(ResponseKeys(records), records.Select(r => r.Satisfied).ToArray(), options.InnerFolds, SentimentTraining.Seed + 1);
        for (var fold = 0; fold < options.InnerFolds; fold++)
        {
            var outside = records.Where((_, i) => inner[i] != fold).ToArray();
            var labeled = LabeledComments(outside);
            var model = labeled.Any(r => r.Positive) && labeled.Any(r => !r.Positive) ? SentimentTraining.Train(labeled, options.CommentOptions).Model : null;
            var inside = Enumerable.Range(0, records.Count).Where(i => inner[i] == fold).ToArray();
            var foldScores = SatisfactionModel.CommentScores(model, [.. inside.Select(i => records[i])]);
            for (var k = 0; k < inside.Length; k++)
            {
                scores[inside[k]] = foldScores[k];
            }
        }

        return scores;
    }

    private static string[] ResponseKeys(IReadOnlyList<SatisfactionRecord> records) =>
        [.. Enumerable.Range(0, records.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static List<LabeledText> LabeledComments(IReadOnlyList<SatisfactionRecord> records) =>
        [.. records.Where(r => !string.IsNullOrWhiteSpace(r.Comment)).Select((r, i) => new LabeledText(r.Comment!, r.Satisfied, i))];
}

/// <summary>What cross-validating the satisfaction model measured.</summary>
public sealed record SatisfactionEvaluation(BinaryMetrics Metrics, IReadOnlyList<BinaryMetrics> Folds, IReadOnlyList<DriverImportance> Drivers, int Rows, double Seconds);

/// <summary>
/// A driver's permutation feature importance: how much held-out AUC falls when its values are shuffled (the mean over
/// folds), the spread over repeated permutations (mean standard deviation within a fold) and across folds.
/// </summary>
public sealed record DriverImportance(string Slot, double AucDrop, double PermutationSpread, double FoldSpread, int Repeats);
