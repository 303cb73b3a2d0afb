namespace Crm.Scoring.Evaluation;

/// <summary>Accuracy, macro-F1 and ROC AUC of binary predictions; pure, so it is unit- and mutation-tested apart from ML.NET.</summary>
/// <param name="Accuracy">Share of rows whose predicted class (probability at or above the threshold) is the actual one.</param>
/// <param name="MacroF1">The mean of the F1 of each of the two classes, so a majority-class guess scores low on skewed data.</param>
/// <param name="Auc">The probability that a random actual-true row gets a higher probability than a random actual-false row (ties count half).</param>
public sealed record BinaryMetrics(double Accuracy, double MacroF1, double Auc, int Rows)
{
    public static BinaryMetrics Compute(IReadOnlyList<bool> actual, IReadOnlyList<double> probability, double threshold = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(probability.Count, actual.Count, nameof(probability));
        if (actual.Count == 0)
        {
            return new BinaryMetrics(double.NaN, double.NaN, double.NaN, 0);
        }

        int truePositive = 0, falsePositive = 0, trueNegative = 0, falseNegative = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var predicted = probability[i] >= threshold;
            if (predicted && actual[i]) truePositive++;
            else if (predicted) falsePositive++;
            else if (actual[i]) falseNegative++;
            else trueNegative++;
        }

        var accuracy = (double)(truePositive + trueNegative) / actual.Count;
        var macroF1 = (F1(truePositive, falsePositive, falseNegative) + F1(trueNegative, falseNegative, falsePositive)) / 2;
        return new BinaryMetrics(accuracy, macroF1, RankAuc(actual, probability), actual.Count);
    }

    /// <summary>F1 of one class; a class never predicted and never present counts as 0, as scikit-learn's zero_division=0.</summary>
    internal static double F1(int truePositive, int falsePositive, int falseNegative)
    {
        var denominator = 2 * truePositive + falsePositive + falseNegative;
        return denominator == 0 ? 0 : 2.0 * truePositive / denominator;
    }

    /// <summary>Mann-Whitney U over ranks with tied probabilities sharing their mean rank; NaN when one class is absent.</summary>
    internal static double RankAuc(IReadOnlyList<bool> actual, IReadOnlyList<double> probability)
    {
        var order = Enumerable.Range(0, actual.Count).OrderBy(i => probability[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && probability[order[end + 1]] == probability[order[start]])
            {
                end++;
            }

            var meanRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (actual[order[k]])
                {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = actual.Count - positives;
        // Stryker disable once Conditional,Logical : with one class absent the formula below is 0 / 0, NaN as well; the
        // check says so instead of leaning on it.
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>What always answering the more frequent class scores: the floor every model must clear.</summary>
    public static BinaryMetrics MajorityClass(IReadOnlyList<bool> trainActual, IReadOnlyList<bool> testActual)
    {
        var majority = trainActual.Count(a => a) * 2 >= trainActual.Count;
        return Compute(testActual, testActual.Select(_ => majority ? 1.0 : 0.0).ToArray());
    }

    /// <summary>The mean of each metric over folds, weighting every fold equally.</summary>
    public static BinaryMetrics Mean(IReadOnlyList<BinaryMetrics> folds) => new(
        folds.Average(f => f.Accuracy), folds.Average(f => f.MacroF1), folds.Average(f => f.Auc), folds.Sum(f => f.Rows));
}
