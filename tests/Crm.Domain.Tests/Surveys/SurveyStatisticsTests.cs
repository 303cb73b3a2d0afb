using Crm.Domain.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Interval = Crm.Domain.Surveys.Interval;

namespace Crm.Domain.Tests.Surveys;

public sealed class SurveyStatisticsTests
{
    [Theory]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(1, 40, 0.0044, 0.1288)]
    public void Wilson_KnownCases_MatchPublishedValues(long successes, long n, double low, double high)
    {
        var interval = SurveyStatistics.Wilson(successes, n);

        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void Wilson_NoAnswers_IsTheWholeScale()
    {
        Assert.Equal(new Interval(0, 1), SurveyStatistics.Wilson(0, 0));
    }

    [Fact]
    public void Wilson_ImpossibleCounts_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyStatistics.Wilson(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyStatistics.Wilson(11, 10));
    }

    [Property(MaxTest = 500)]
    public Property Wilson_ContainsTheShareAndStaysOnTheScale()
    {
        var counts = from n in Gen.Choose(1, 100_000) from x in Gen.Choose(0, n) select (x, n);
        return Prop.ForAll(counts.ToArbitrary(), c =>
        {
            var interval = SurveyStatistics.Wilson(c.x, c.n);
            var p = (double)c.x / c.n;
            return interval.Low >= 0 && interval.High <= 1 && interval.Low <= p && p <= interval.High && interval.Low < interval.High;
        });
    }

    [Property(MaxTest = 300)]
    public Property Wilson_NarrowsAsTheSampleGrowsAtTheSameShare()
    {
        var counts = from n in Gen.Choose(1, 5_000) from x in Gen.Choose(0, n) select (x, n);
        return Prop.ForAll(counts.ToArbitrary(), c =>
        {
            var small = SurveyStatistics.Wilson(c.x, c.n);
            var large = SurveyStatistics.Wilson(4L * c.x, 4L * c.n);
            return large.High - large.Low < small.High - small.Low;
        });
    }

    [Fact]
    public void Share_BelowTheMinimum_IsTooFewNotAPercentage()
    {
        var figure = SurveyStatistics.Share(28, SurveyStatistics.MinResponses - 1);

        Assert.False(figure.Enough);
        Assert.Null(figure.Value);
        Assert.Null(figure.Interval);
        Assert.Equal(SurveyStatistics.MinResponses - 1, figure.N);
    }

    [Fact]
    public void Share_AtTheMinimum_HasValueAndWilsonInterval()
    {
        var figure = SurveyStatistics.Share(15, SurveyStatistics.MinResponses);

        Assert.True(figure.Enough);
        Assert.Equal(0.5, figure.Value);
        Assert.Equal(SurveyStatistics.Wilson(15, 30), figure.Interval);
    }

    [Fact]
    public void Csat_CountsFoursAndFivesAmongAllAnswers()
    {
        var tally = Tally(csat: [10, 10, 10, 40, 30]);

        var figure = SurveyStatistics.Csat(tally);

        Assert.Equal(100, figure.N);
        Assert.Equal(0.7, figure.Value!.Value, 10);
        Assert.Equal(SurveyStatistics.Wilson(70, 100), figure.Interval);
    }

    [Fact]
    public void Nps_PromotersMinusDetractors_WithNormalApproximationInterval()
    {
        // 50 promoters (9-10), 30 passives (7-8), 20 detractors (0-6).
        var tally = Tally(nps: [5, 0, 0, 0, 5, 5, 5, 15, 15, 25, 25]);

        var figure = SurveyStatistics.Nps(tally);

        Assert.Equal(100, figure.N);
        Assert.Equal(30, figure.Value!.Value, 10);
        Assert.Equal(14.692, figure.Interval!.Low, 3);
        Assert.Equal(45.308, figure.Interval.High, 3);
    }

    [Fact]
    public void Nps_Unanimous_IsExactAndClamped()
    {
        var promoters = SurveyStatistics.Nps(Tally(nps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40]));
        var detractors = SurveyStatistics.Nps(Tally(nps: [40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

        Assert.Equal(new Interval(100, 100), promoters.Interval);
        Assert.Equal(100, promoters.Value);
        Assert.Equal(new Interval(-100, -100), detractors.Interval);
    }

    [Fact]
    public void Nps_BelowTheMinimum_IsTooFew()
    {
        Assert.False(SurveyStatistics.Nps(Tally(nps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 29])).Enough);
        Assert.True(SurveyStatistics.Nps(Tally(nps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30])).Enough);
    }

    [Property(MaxTest = 300)]
    public Property Nps_StaysWithinTheScaleAndContainsTheScore()
    {
        var scores = Gen.ArrayOf(Gen.Choose(0, 200), 11).Where(a => a.Sum() >= SurveyStatistics.MinResponses);
        return Prop.ForAll(scores.ToArbitrary(), counts =>
        {
            var figure = SurveyStatistics.Nps(Tally(nps: counts));
            return figure.Interval!.Low >= -100 && figure.Interval.High <= 100 && figure.Interval.Contains(figure.Value!.Value);
        });
    }

    [Fact]
    public void Mean_SampleVarianceNormalInterval()
    {
        var sum = Ratings((4, 30), (5, 30));

        var figure = SurveyStatistics.Mean(sum);

        Assert.Equal(60, figure.N);
        Assert.Equal(4.5, figure.Value!.Value, 10);
        Assert.Equal(4.3724, figure.Interval!.Low, 4);
        Assert.Equal(4.6276, figure.Interval.High, 4);
    }

    [Fact]
    public void Mean_AllTheSame_HasNoWidthAndBelowTheMinimumIsTooFew()
    {
        Assert.Equal(new Interval(3, 3), SurveyStatistics.Mean(Ratings((3, 40))).Interval);
        Assert.False(SurveyStatistics.Mean(Ratings((3, 29))).Enough);
    }

    [Property(MaxTest = 300)]
    public Property Mean_StaysOnTheRatingScale()
    {
        var counts = Gen.ArrayOf(Gen.Choose(0, 100), 5).Where(a => a.Sum() >= SurveyStatistics.MinResponses);
        return Prop.ForAll(counts.ToArbitrary(), c =>
        {
            var figure = SurveyStatistics.Mean(Ratings([.. c.Select((count, i) => (i + 1, count))]));
            return figure.Interval!.Low >= 1 && figure.Interval.High <= 5 && figure.Interval.Contains(figure.Value!.Value);
        });
    }

    [Fact]
    public void ResponseRate_IsAnsweredOverInvitedAndNeverAboveOne()
    {
        var rate = SurveyStatistics.ResponseRate(12, 40);
        var capped = SurveyStatistics.ResponseRate(50, 40);

        Assert.Equal(0.3, rate.Value!.Value, 10);
        Assert.Equal(40, rate.N);
        Assert.Equal(1.0, capped.Value);
        Assert.False(SurveyStatistics.ResponseRate(3, 10).Enough);
    }

    internal static SurveyTally Tally(int[]? csat = null, int[]? nps = null) => SurveyTally.Empty with
    {
        CsatScores = [.. (csat ?? [0, 0, 0, 0, 0]).Select(c => (long)c)],
        NpsScores = [.. (nps ?? new int[11]).Select(c => (long)c)],
    };

    private static RatingSum Ratings(params (int Rating, int Count)[] counts)
    {
        var sum = default(RatingSum);
        foreach (var (rating, count) in counts)
        {
            for (var i = 0; i < count; i++)
            {
                sum = sum.Add(rating);
            }
        }

        return sum;
    }

    [Fact]
    public void Wilson_AtTheEnds_IsExactlyZeroAndOne()
    {
        // The formula's own ends at 0 and n successes are 0 and 1 only up to rounding; the interval says them exactly.
        for (var n = 1; n <= 2000; n++)
        {
            Assert.Equal(0.0, SurveyStatistics.Wilson(0, n).Low);
            Assert.Equal(1.0, SurveyStatistics.Wilson(n, n).High);
        }
    }

    [Fact]
    public void Mean_AtTheMinimum_HasAValue()
    {
        Assert.True(SurveyStatistics.Mean(Ratings((4, SurveyStatistics.MinResponses))).Enough);
    }

    [Fact]
    public void Interval_Contains_ItsEndsAndNothingBeyond()
    {
        var interval = new Interval(0.25, 0.75);

        Assert.True(interval.Contains(0.25));
        Assert.True(interval.Contains(0.75));
        Assert.True(interval.Contains(0.5));
        Assert.False(interval.Contains(0.2499));
        Assert.False(interval.Contains(0.7501));
    }
}
