namespace Crm.Scoring.Sentiment;

/// <summary>Picks the L2 strength with the best held-out accuracy; among equal accuracies, the strongest penalty.</summary>
public static class L2Choice
{
    // Equal up to rounding: accuracies are counts over the same held-out rows, so a real difference is at least 1/n.
    private const double Tie = 1e-9;

    public static float Best(IReadOnlyList<float> candidates, IReadOnlyList<double> accuracies)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(accuracies);
        if (candidates.Count == 0 || candidates.Count != accuracies.Count)
        {
            throw new ArgumentException("one accuracy per candidate, and at least one candidate.", nameof(accuracies));
        }

        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            var better = accuracies[i] > accuracies[best] + Tie;
            var tiedAndStronger = Math.Abs(accuracies[i] - accuracies[best]) <= Tie && candidates[i] > candidates[best];
            if (better || tiedAndStronger)
            {
                best = i;
            }
        }

        return candidates[best];
    }
}
