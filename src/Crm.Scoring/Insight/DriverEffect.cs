namespace Crm.Scoring.Insight;

/// <summary>
/// The observed effect of one driver on satisfaction: responses on its adverse side (a binary fact at 1, or a number
/// beyond the median in the direction that lowers satisfaction) against the rest. Observational, not causal: it says
/// what the data shows, and the recommendations say so.
/// </summary>
/// <param name="Difference">Satisfied share of the rest minus that of the adverse side; positive when the adverse side is worse.</param>
/// <param name="Low">95% interval of <paramref name="Difference"/> (normal approximation for two proportions).</param>
/// <param name="ShareOfDetractors">Share of all dissatisfied responses that are on the adverse side.</param>
/// <param name="ExpectedGain">Points of CSAT (satisfied share x 100) gained if the adverse side were satisfied as often as the rest.</param>
public sealed record DriverEffect(string Driver, double Threshold, bool AdverseAbove, int AdverseRows, int OtherRows,
    double AdverseSatisfied, double OtherSatisfied, double Difference, double Low, double High, double ShareOfDetractors, double ExpectedGain)
{
    /// <param name="lowersSatisfaction">True when higher values go with lower satisfaction (a negative model weight).</param>
    public static DriverEffect? Measure(string driver, IReadOnlyList<(double? Value, bool Satisfied)> rows, bool lowersSatisfaction)
    {
        var known = rows.Where(r => r.Value is { } v && double.IsFinite(v)).Select(r => (Value: r.Value!.Value, r.Satisfied)).ToArray();
        if (known.Length < 2)
        {
            return null;
        }

        var values = known.Select(r => r.Value).Order().ToArray();
        var binary = values.All(v => v is 0 or 1);
        var threshold = binary ? 0.5 : values[values.Length / 2];
        bool Adverse(double v) => lowersSatisfaction ? v > threshold : v < threshold;
        var adverse = known.Where(r => Adverse(r.Value)).ToArray();
        var other = known.Where(r => !Adverse(r.Value)).ToArray();
        if (adverse.Length == 0 || other.Length == 0)
        {
            return null;
        }

        double pa = adverse.Count(r => r.Satisfied) / (double)adverse.Length, po = other.Count(r => r.Satisfied) / (double)other.Length;
        var difference = po - pa;
        var se = Math.Sqrt(pa * (1 - pa) / adverse.Length + po * (1 - po) / other.Length);
        var detractors = known.Count(r => !r.Satisfied);
        var share = detractors == 0 ? 0 : adverse.Count(r => !r.Satisfied) / (double)detractors;
        var gain = 100.0 * adverse.Length / known.Length * Math.Max(0, difference);
        return new DriverEffect(driver, threshold, lowersSatisfaction, adverse.Length, other.Length, pa, po, difference,
            difference - 1.96 * se, difference + 1.96 * se, share, gain);
    }
}
