using Crm.Scoring.Evaluation;

namespace Crm.Scoring.Tests.Evaluation;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void Compute_KnownConfusion_GivesAccuracyAndMacroF1()
    {
        // 3 true positives, 1 false negative, 1 false positive, 5 true negatives.
        bool[] actual = [true, true, true, true, false, false, false, false, false, false];
        double[] probability = [0.9, 0.8, 0.7, 0.2, 0.6, 0.1, 0.1, 0.3, 0.4, 0.2];

        var metrics = BinaryMetrics.Compute(actual, probability);

        Assert.Equal(0.8, metrics.Accuracy, 10);
        var f1Positive = 2.0 * 3 / (2 * 3 + 1 + 1);
        var f1Negative = 2.0 * 5 / (2 * 5 + 1 + 1);
        Assert.Equal((f1Positive + f1Negative) / 2, metrics.MacroF1, 10);
        Assert.Equal(10, metrics.Rows);
    }

    [Fact]
    public void Compute_ProbabilityAtThreshold_CountsAsPredictedTrue()
    {
        var metrics = BinaryMetrics.Compute([true, false], [0.5, 0.49]);

        Assert.Equal(1.0, metrics.Accuracy);
    }

    [Fact]
    public void Auc_PerfectAndInvertedAndHandCountedOrders()
    {
        Assert.Equal(1.0, BinaryMetrics.Compute([true, true, false, false], [0.9, 0.8, 0.3, 0.1]).Auc);
        Assert.Equal(0.0, BinaryMetrics.Compute([true, true, false, false], [0.1, 0.2, 0.8, 0.9]).Auc);
        // Pairs (positive, negative): (0.8,0.9) lost, (0.8,0.1) won, (0.4,0.9) lost, (0.4,0.1) won: 2 of 4.
        Assert.Equal(0.5, BinaryMetrics.Compute([true, true, false, false], [0.8, 0.4, 0.9, 0.1]).Auc);
        // Pairs: (0.7 vs 0.6) won, (0.7 vs 0.2) won, (0.3 vs 0.6) lost, (0.3 vs 0.2) won: 3 of 4.
        Assert.Equal(0.75, BinaryMetrics.Compute([true, true, false, false], [0.7, 0.3, 0.6, 0.2]).Auc);
    }

    [Fact]
    public void Auc_TiedProbabilities_CountHalf()
    {
        Assert.Equal(0.5, BinaryMetrics.Compute([true, false], [0.4, 0.4]).Auc);
        // One win (0.9 > 0.4) and one tie (0.4 = 0.4) over two pairs: 0.75.
        Assert.Equal(0.75, BinaryMetrics.Compute([true, true, false], [0.9, 0.4, 0.4]).Auc);
    }

    [Fact]
    public void Auc_OneClassOnly_IsNaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.Compute([false, false], [0.2, 0.9]).Auc));
        Assert.True(double.IsNaN(BinaryMetrics.Compute([true], [0.2]).Auc));
    }

    [Fact]
    public void MacroF1_ClassNeverPredictedNorPresent_CountsZero()
    {
        // All actual false and all predicted false: F1(false) = 1, F1(true) = 0 by convention.
        Assert.Equal(0.5, BinaryMetrics.Compute([false, false, false], [0.1, 0.2, 0.3]).MacroF1);
        Assert.Equal(0, BinaryMetrics.F1(0, 0, 0));
    }

    [Fact]
    public void MajorityClass_SkewedTraining_PredictsTheMoreFrequentLabel()
    {
        var metrics = BinaryMetrics.MajorityClass([true, true, false], [true, false, false, false]);

        Assert.Equal(0.25, metrics.Accuracy);
        Assert.Equal(0.5, metrics.Auc);
        Assert.Equal((0.4 + 0) / 2, metrics.MacroF1, 10);
    }

    [Fact]
    public void Compute_Empty_IsNaNWithNoRows()
    {
        var metrics = BinaryMetrics.Compute([], []);

        Assert.Equal(0, metrics.Rows);
        Assert.True(double.IsNaN(metrics.Accuracy));
    }

    [Fact]
    public void Mean_AveragesEachMetricAndSumsRows()
    {
        var mean = BinaryMetrics.Mean([new BinaryMetrics(0.8, 0.6, 0.9, 10), new BinaryMetrics(0.6, 0.4, 0.7, 12)]);

        Assert.Equal(new BinaryMetrics(0.7, 0.5, 0.8, 22), mean with { Accuracy = Math.Round(mean.Accuracy, 10), MacroF1 = Math.Round(mean.MacroF1, 10), Auc = Math.Round(mean.Auc, 10) });
    }

    [Fact]
    public void Compute_LengthsThatDiffer_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMetrics.Compute([true, false], [0.5]));
    }

    [Fact]
    public void MajorityClass_TiedTraining_PredictsTrue()
    {
        // Two of each in training: the tie goes to true, so the one true test row is right and the false one wrong.
        var metrics = BinaryMetrics.MajorityClass([true, false, true, false], [true, false]);

        Assert.Equal(0.5, metrics.Accuracy);
        Assert.Equal(1.0, BinaryMetrics.MajorityClass([true, false], [true]).Accuracy);
    }

    [Fact]
    public void Compute_CustomThreshold_MovesThePrediction()
    {
        Assert.Equal(0.5, BinaryMetrics.Compute([true, false], [0.6, 0.4], threshold: 0.3).Accuracy);
        Assert.Equal(1.0, BinaryMetrics.Compute([true, false], [0.6, 0.4], threshold: 0.5).Accuracy);
    }
}
