namespace Crm.Scoring.Evaluation;

/// <summary>
/// Stratified K-fold assignment in which identical texts always share a fold: the datasets hold duplicates, and a
/// duplicate on both sides of a split would flatter the score.
/// </summary>
public static class FoldSplitter
{
    /// <summary>Returns each row's fold in [0, folds): groups are shuffled with a fixed seed, then dealt round-robin per label.</summary>
    public static int[] Assign(IReadOnlyList<string> texts, IReadOnlyList<bool> labels, int folds, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfNotEqual(labels.Count, texts.Count, nameof(labels));
        // A group takes the label most of its rows carry, so each fold keeps the label balance.
        var groups = Enumerable.Range(0, texts.Count)
            .GroupBy(i => texts[i], StringComparer.Ordinal)
            .Select(g => (Rows: g.ToArray(), Positive: g.Count(i => labels[i]) * 2 >= g.Count()))
            .ToList();
        var random = new Random(seed);
        var assignment = new int[texts.Count];
        foreach (var stratum in groups.GroupBy(g => g.Positive).OrderBy(s => s.Key))
        {
            var shuffled = stratum.ToArray();
            random.Shuffle(shuffled);
            var next = 0;
            foreach (var group in shuffled)
            {
                foreach (var row in group.Rows)
                {
                    assignment[row] = next;
                }

                next = (next + 1) % folds;
            }
        }

        return assignment;
    }
}
