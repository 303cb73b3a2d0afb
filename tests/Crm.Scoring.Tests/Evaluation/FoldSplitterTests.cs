using Crm.Scoring.Evaluation;
using FsCheck;
using FsCheck.Xunit;

namespace Crm.Scoring.Tests.Evaluation;

public sealed class FoldSplitterTests
{
    [Fact]
    public void Assign_IdenticalTexts_ShareAFold()
    {
        string[] texts = ["a", "b", "a", "c", "a", "d", "b", "e", "f", "g"];
        bool[] labels = [true, false, true, true, true, false, false, true, false, true];

        var folds = FoldSplitter.Assign(texts, labels, 3);

        Assert.Equal(folds[0], folds[2]);
        Assert.Equal(folds[0], folds[4]);
        Assert.Equal(folds[1], folds[6]);
    }

    [Fact]
    public void Assign_BalancedLabels_EachFoldGetsItsShareOfEachLabel()
    {
        var texts = Enumerable.Range(0, 100).Select(i => $"t{i}").ToArray();
        var labels = Enumerable.Range(0, 100).Select(i => i < 30).ToArray();

        var folds = FoldSplitter.Assign(texts, labels, 5);

        for (var fold = 0; fold < 5; fold++)
        {
            Assert.Equal(6, Enumerable.Range(0, 100).Count(i => folds[i] == fold && labels[i]));
            Assert.Equal(14, Enumerable.Range(0, 100).Count(i => folds[i] == fold && !labels[i]));
        }
    }

    [Fact]
    public void Assign_SameSeed_SameFolds_OtherSeed_OtherFolds()
    {
        var texts = Enumerable.Range(0, 50).Select(i => $"t{i}").ToArray();
        var labels = texts.Select((_, i) => i % 2 == 0).ToArray();

        Assert.Equal(FoldSplitter.Assign(texts, labels, 5, seed: 7), FoldSplitter.Assign(texts, labels, 5, seed: 7));
        Assert.NotEqual(FoldSplitter.Assign(texts, labels, 5, seed: 7), FoldSplitter.Assign(texts, labels, 5, seed: 8));
    }

    [Fact]
    public void Assign_FewerThanTwoFolds_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FoldSplitter.Assign(["a", "b"], [true, false], 1));
    }

    [Property]
    public bool Assign_AnyInput_EveryRowInRangeAndFoldSizesDifferByAtMostOnePerLabel(PositiveInt size, bool[] seedLabels)
    {
        var count = size.Get % 200 + 2;
        var labels = Enumerable.Range(0, count).Select(i => seedLabels.Length > 0 && seedLabels[i % seedLabels.Length]).ToArray();
        var texts = Enumerable.Range(0, count).Select(i => $"t{i}").ToArray();

        var folds = FoldSplitter.Assign(texts, labels, 5);

        var inRange = folds.All(f => f is >= 0 and < 5);
        var balanced = new[] { true, false }.All(label =>
        {
            var sizes = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, count).Count(i => folds[i] == f && labels[i] == label)).ToArray();
            return sizes.Max() - sizes.Min() <= 1;
        });
        return inRange && balanced;
    }

    [Fact]
    public void Assign_LengthsThatDiffer_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FoldSplitter.Assign(["a", "b"], [true], 2));
    }

    [Fact]
    public void Assign_DuplicatesWithMixedLabels_GoWithTheirMajority_TiesCountAsPositive()
    {
        // "x" is positive twice and negative once, "y" once each (a tie): both are positive groups, so with the four
        // negative singletons each stratum deals round-robin over two folds.
        string[] texts = ["x", "x", "x", "y", "y", "n1", "n2", "n3", "n4"];
        bool[] labels = [true, true, false, true, false, false, false, false, false];

        var folds = FoldSplitter.Assign(texts, labels, 2);

        Assert.NotEqual(folds[0], folds[3]); // the two positive groups are dealt to different folds
        Assert.Equal(2, Enumerable.Range(5, 4).Count(i => folds[i] == 0));
    }

    [Fact]
    public void Assign_TheSeededFolds_StayAsPublished()
    {
        // The cross-validated figures in docs/models.md are reproducible only while the same seed deals the same folds:
        // this pins the dealing order (negatives first, then positives, each shuffled by the one seeded Random).
        var texts = Enumerable.Range(0, 12).Select(i => $"t{i}").ToArray();
        var labels = texts.Select((_, i) => i % 3 == 0).ToArray();

        Assert.Equal(Expected, FoldSplitter.Assign(texts, labels, 3));
    }

    private static readonly int[] Expected = [2, 1, 0, 1, 2, 1, 0, 2, 0, 0, 0, 1];
}
