namespace Crm.Scoring.Sentiment;

/// <summary>
/// Counts in how many dissatisfied and satisfied texts each feature slot occurs and turns the counts into naive-Bayes
/// log-count ratios, r = log((p / |p|₁) / (q / |q|₁)) with p = α + dissatisfied counts and q = α + satisfied counts
/// (Wang and Manning 2012). Only presence counts, not frequency, as in the paper's binarized features.
/// </summary>
public sealed class LogCountRatio
{
    private readonly double[] dissatisfied;
    private readonly double[] satisfied;

    public LogCountRatio(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        dissatisfied = new double[slots];
        satisfied = new double[slots];
    }

    public int Slots => dissatisfied.Length;

    /// <summary>Counts one text: the slots it has a non-zero value in (each counted once however often it is listed).</summary>
    public void Add(IEnumerable<int> presentSlots, bool isDissatisfied)
    {
        var counts = isDissatisfied ? dissatisfied : satisfied;
        foreach (var slot in presentSlots.Distinct())
        {
            counts[slot]++;
        }
    }

    /// <summary>The ratio of every slot; positive means the slot leans dissatisfied.</summary>
    public double[] Ratios(double alpha = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        var pTotal = dissatisfied.Sum() + alpha * Slots;
        var qTotal = satisfied.Sum() + alpha * Slots;
        var ratios = new double[Slots];
        for (var i = 0; i < Slots; i++)
        {
            ratios[i] = Math.Log((alpha + dissatisfied[i]) / pTotal) - Math.Log((alpha + satisfied[i]) / qTotal);
        }

        return ratios;
    }
}
