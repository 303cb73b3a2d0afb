using System.Diagnostics;
using Crm.Scoring.Data;
using Crm.Scoring.Evaluation;
using Microsoft.ML;

namespace Crm.Scoring.Sentiment;

/// <summary>Trains the comment-sentiment pipeline and evaluates it on a held-out file or by K-fold cross-validation.</summary>
public static class SentimentTraining
{
    /// <summary>Fixed so that the same data and options give the same model and the same figures.</summary>
    public const int Seed = 20261201;

    /// <summary>The inner split of <see cref="SentimentOptions.TuneL2"/>: one fold of five is held out.</summary>
    private const int InnerFolds = 5;

    public static TrainedSentiment Train(IReadOnlyList<LabeledText> rows, SentimentOptions options)
    {
        if (rows.Count == 0 || rows.All(r => r.Positive) || rows.All(r => !r.Positive))
        {
            throw new ScoringInputException("training data needs rows of both labels, 0 and 1.");
        }

        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: Seed);
        var prepared = rows.Select(r => SentimentPipeline.Prepare(r.Text, !r.Positive, options)).ToArray();
        if (options.TuneL2)
        {
            // The model's options name the strength it was trained with; TuneL2 stays set to say how it was chosen.
            options = options with { L2Regularization = ChooseL2(ml, rows, prepared, options) };
        }

        var data = ml.Data.LoadFromEnumerable(prepared);
        var transformer = SentimentPipeline.Fit(ml, options, data);
        return new TrainedSentiment(new SentimentModel(ml, transformer, data.Schema, options), clock.Elapsed);
    }

    /// <summary>
    /// Chooses the L2 strength from the training rows alone: one fifth of them (stratified, identical texts together) is
    /// held out, each candidate trains on the rest, the most accurate on the held-out fifth wins, a tie going to the
    /// stronger penalty. Small sets thus get the weak penalty they measured best with, without a fixed size threshold.
    /// </summary>
    internal static float ChooseL2(MLContext ml, IReadOnlyList<LabeledText> rows, SentimentRow[] prepared, SentimentOptions options)
    {
        var assignment = FoldSplitter.Assign(rows.Select(r => r.Text).ToArray(), rows.Select(r => r.Positive).ToArray(), InnerFolds, Seed + 1);
        var train = ml.Data.LoadFromEnumerable(prepared.Where((_, i) => assignment[i] != 0).ToArray());
        var validation = ml.Data.LoadFromEnumerable(prepared.Where((_, i) => assignment[i] == 0).ToArray());
        var candidates = SentimentOptions.L2Candidates;
        var accuracies = SentimentPipeline.ValidationAccuracies(ml, options, train, validation, candidates);
        return L2Choice.Best(candidates, accuracies);
    }

    public static EvaluationReport TrainAndTest(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test, SentimentOptions options)
    {
        var trained = Train(train, options);
        var probabilities = trained.Model.ScoreBatch(test.Select(r => r.Text).ToArray());
        var metrics = BinaryMetrics.Compute(test.Select(r => !r.Positive).ToArray(), probabilities);
        return new EvaluationReport(metrics, train.Count, test.Count, trained.Elapsed.TotalSeconds, [], trained.Model.Options);
    }

    /// <summary>K-fold cross-validation on one file; identical texts share a fold. Reports the fold mean and each fold.</summary>
    public static EvaluationReport CrossValidate(IReadOnlyList<LabeledText> rows, int folds, SentimentOptions options, Action<int, EvaluationReport>? onFold = null)
    {
        var assignment = FoldSplitter.Assign(rows.Select(r => r.Text).ToArray(), rows.Select(r => r.Positive).ToArray(), folds, Seed);
        var reports = new List<EvaluationReport>();
        for (var fold = 0; fold < folds; fold++)
        {
            var train = rows.Where((_, i) => assignment[i] != fold).ToArray();
            var test = rows.Where((_, i) => assignment[i] == fold).ToArray();
            reports.Add(TrainAndTest(train, test, options));
            onFold?.Invoke(fold, reports[^1]);
        }

        return new EvaluationReport(
            BinaryMetrics.Mean([.. reports.Select(r => r.Metrics)]),
            (int)Math.Round(reports.Average(r => r.TrainRows)),
            reports.Sum(r => r.TestRows),
            reports.Average(r => r.TrainSeconds),
            [.. reports.Select(r => r.Metrics)]);
    }
}

/// <summary>A model and how long it took to train (featurization included).</summary>
public sealed record TrainedSentiment(SentimentModel Model, TimeSpan Elapsed);

/// <summary>
/// What an evaluation measured. For cross-validation the metrics are the fold means, <see cref="TrainRows"/> the
/// mean training-fold size, <see cref="TestRows"/> every row (each is tested once) and <see cref="TrainSeconds"/> the mean per fold;
/// <see cref="Trained"/> is the options the model was trained with (a tuned L2 as chosen), for a single training only.
/// </summary>
public sealed record EvaluationReport(BinaryMetrics Metrics, int TrainRows, int TestRows, double TrainSeconds, IReadOnlyList<BinaryMetrics> Folds, SentimentOptions? Trained = null);
