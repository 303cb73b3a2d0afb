namespace Crm.Domain.Reports;

/// <summary>
/// A mean with its n, mergeable exactly: values are kept to six decimals and summed as decimals, so sums do not
/// depend on the order they were added in (doubles would), and days add up to their month to the last digit.
/// </summary>
public sealed record MeanTally(long N = 0, decimal Sum = 0, decimal SumOfSquares = 0)
{
    public static MeanTally Empty { get; } = new();

    public double? Mean => N == 0 ? null : (double)(Sum / N);

    /// <summary>Sample standard deviation; null below two values.</summary>
    public double? StandardDeviation
    {
        get
        {
            if (N < 2)
            {
                return null;
            }

            var variance = (SumOfSquares - (Sum * Sum / N)) / (N - 1);
            return Math.Sqrt((double)Math.Max(0, variance));
        }
    }

    /// <summary>The half-width of a normal-approximation 95% interval for the mean; null below two values.</summary>
    public double? HalfWidth95 => StandardDeviation is { } sd ? 1.96 * sd / Math.Sqrt(N) : null;

    public MeanTally Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A finite number.");
        }

        var v = Math.Round((decimal)value, 6, MidpointRounding.ToEven);
        return new(N + 1, Sum + v, SumOfSquares + (v * v));
    }

    public MeanTally Merge(MeanTally other) => new(N + other.N, Sum + other.Sum, SumOfSquares + other.SumOfSquares);
}
