namespace Crm.Domain.Surveys;

/// <summary>
/// The figures analysts read, each with its n and a 95% interval, and "too few responses" below
/// <see cref="MinResponses"/> instead of a number that would mislead. Shares use the Wilson score interval (honest
/// near 0 and 1, unlike the Wald interval); NPS and means use the normal approximation with the sample variance,
/// which the minimum n keeps sound, and are clamped to their scale.
/// </summary>
public static class SurveyStatistics
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Below this many answers a figure is reported as too few responses.</summary>
    public const int MinResponses = 30;

    public static Interval Wilson(long successes, long n, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, successes);

        // Stryker disable once Block : at n == 0 the exact ends below give 0 and 1 as well (successes == 0 == n); the
        // early return only spares the division by zero.
        if (n == 0)
        {
            return new(0, 1);
        }

        double p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // The exact ends at 0 and 1; rounding must not push them past the scale.
        return new(successes == 0 ? 0 : Math.Max(0, centre - half), successes == n ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>CSAT: the share of 4 and 5 among all CSAT answers.</summary>
    public static SurveyFigure Csat(SurveyTally tally) => Share(tally.Satisfied, tally.CsatCount);

    /// <summary>A share with its Wilson interval.</summary>
    public static SurveyFigure Share(long successes, long n) =>
        n < MinResponses ? SurveyFigure.TooFew(n) : new(n, (double)successes / n, Wilson(successes, n));

    /// <summary>
    /// NPS = 100 (promoters - detractors) / n. Each answer scores +1, 0 or -1; the interval is the normal
    /// approximation of that score's mean, with variance p+ + p- - (p+ - p-)^2.
    /// </summary>
    public static SurveyFigure Nps(SurveyTally tally)
    {
        var n = tally.NpsCount;
        if (n < MinResponses)
        {
            return SurveyFigure.TooFew(n);
        }

        double promoters = (double)tally.Promoters / n, detractors = (double)tally.Detractors / n;
        var score = promoters - detractors;
        var variance = Math.Max(0, promoters + detractors - score * score);
        var half = Z95 * Math.Sqrt(variance / n);
        return new(n, 100 * score, new(100 * Math.Max(-1, score - half), 100 * Math.Min(1, score + half)));
    }

    /// <summary>A mean rating on 1-5 with the normal-approximation interval from the sample variance.</summary>
    public static SurveyFigure Mean(RatingSum sum)
    {
        if (sum.Count < MinResponses)
        {
            return SurveyFigure.TooFew(sum.Count);
        }

        double n = sum.Count;
        var mean = sum.Total / n;
        var variance = Math.Max(0, (sum.Squares - n * mean * mean) / (n - 1));
        var half = Z95 * Math.Sqrt(variance / n);
        return new(sum.Count, mean, new(Math.Max(SurveyScales.RatingMin, mean - half), Math.Min(SurveyScales.RatingMax, mean + half)));
    }

    /// <summary>Answered / invited, as a share with its Wilson interval.</summary>
    public static SurveyFigure ResponseRate(long answered, long invited) => Share(Math.Min(answered, invited), invited);
}

/// <summary>
/// One figure: its n, and when n is large enough its value and 95% interval. <see cref="Value"/> is null for
/// "too few responses", so no caller can show it as a number by accident.
/// </summary>
public sealed record SurveyFigure(long N, double? Value, Interval? Interval)
{
    public bool Enough => Value is not null;

    public static SurveyFigure TooFew(long n) => new(n, null, null);
}
