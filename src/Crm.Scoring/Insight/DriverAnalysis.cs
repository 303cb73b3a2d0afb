using Crm.Scoring.Satisfaction;

namespace Crm.Scoring.Insight;

/// <summary>
/// The drivers of satisfaction over structured facts only (case facts and dimension ratings, no comment): each
/// slot's permutation feature importance from K-fold cross-validation of the satisfaction model (with its spread over
/// repeated permutations and across folds), and beside it the observed effect of its adverse side with a 95% interval.
/// Importance ranks (it accounts for the other drivers); the effect is the evidence a person can read.
/// Comments are left out on purpose: the comment's tone predicts satisfaction best, but it is a symptom, not a lever.
/// </summary>
public static class DriverAnalysis
{
    /// <summary>Responses the model and its permutations see at most; the effects are measured on all of them.</summary>
    public const int MaxModelRows = 10_000;

    public static DriverAnalysisResult Analyze(IReadOnlyList<SatisfactionRecord> records, int folds = 5, int permutations = 10, int maxModelRows = MaxModelRows)
    {
        var options = new SatisfactionOptions(UseComments: false, Permutations: permutations);
        // Cross-validation with permutations costs about 25 s per 10,000 responses on two busy cores (bench/Crm.Insights.Bench):
        // beyond that, every k-th response ranks the drivers, which changes the ranking little and keeps the time bounded.
        var sample = records.Count <= maxModelRows ? records : [.. records.Where((_, i) => i % ((records.Count + maxModelRows - 1) / maxModelRows) == 0)];
        var evaluation = SatisfactionTraining.CrossValidate(sample, folds, options);
        var full = SatisfactionTraining.Train(sample, options);
        var weights = full.Schema.SlotNames.Zip(full.Weights).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var findings = evaluation.Drivers
            .Where(d => IsDriver(d.Slot))
            .Select(d => new DriverFinding(d, Significant(d), Effect(d.Slot, records, weights.GetValueOrDefault(d.Slot) < 0)))
            .ToArray();
        return new DriverAnalysisResult(findings, evaluation.Metrics.Auc, folds, permutations, sample.Count);
    }

    /// <summary>An importance counts when it clears twice its permutation spread: below that it is noise.</summary>
    public static bool Significant(DriverImportance d) => d.AucDrop > 0 && d.AucDrop > 2 * d.PermutationSpread;

    // The comment slots are constant here, and a ".missing" flag is a gap in the data, not something to act on.
    private static bool IsDriver(string slot) =>
        slot is not (DriverSchema.CommentSlot or DriverSchema.NoCommentSlot) && !slot.EndsWith(DriverSchema.MissingSuffix, StringComparison.Ordinal);

    private static DriverEffect? Effect(string slot, IReadOnlyList<SatisfactionRecord> records, bool lowersSatisfaction)
    {
        var eq = slot.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return DriverEffect.Measure(slot, [.. records.Select(r => (r.Numbers.TryGetValue(slot, out var v) ? v : (double?)null, r.Satisfied))], lowersSatisfaction);
        }

        // A category value one-hot: 1 on that value, 0 on the others, unknown where the category is missing.
        var (name, value) = (slot[..eq], slot[(eq + 1)..]);
        return DriverEffect.Measure(slot, [.. records.Select(r =>
            (r.Categories.TryGetValue(name, out var c) ? (string.Equals(c, value, StringComparison.Ordinal) ? 1.0 : 0.0) : (double?)null, r.Satisfied))],
            lowersSatisfaction);
    }
}

/// <summary>One driver: its permutation importance, whether it clears the noise, and its observed effect (null when one side is empty).</summary>
public sealed record DriverFinding(DriverImportance Importance, bool Significant, DriverEffect? Effect);

/// <param name="Auc">The cross-validated AUC of the model the importances come from: low means the facts explain little.</param>
/// <param name="ModelRows">Responses the model ranked the drivers on (all of them up to <see cref="DriverAnalysis.MaxModelRows"/>).</param>
public sealed record DriverAnalysisResult(IReadOnlyList<DriverFinding> Drivers, double Auc, int Folds, int Permutations, int ModelRows);
