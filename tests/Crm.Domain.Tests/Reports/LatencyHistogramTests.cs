using Crm.Domain.Reports;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class LatencyHistogramTests
{
    private static TimeSpan Duration(uint seconds, ushort ticks) =>
        TimeSpan.FromSeconds(seconds % (100 * 86400)) + TimeSpan.FromTicks(ticks);

    private static LatencyHistogram Of(IEnumerable<TimeSpan> durations) =>
        durations.Aggregate(LatencyHistogram.Empty, (h, d) => h.Add(d));

    // FsCheck's numbers are small (up to its size, 100), so they are scattered by a multiplicative hash first: the
    // durations then reach every bucket width, not only the first two minutes.
    private static TimeSpan[] Durations(uint[] seconds) =>
        [.. seconds.Select(s => s * 2_654_435_761u).Select(s => Duration(s % 3 == 0 ? s % 9_000_000 : s % 50_000, (ushort)(s % 977)))];

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(24)]
    public void ContractTargets_AreBucketEdges(int hours)
    {
        var target = TimeSpan.FromHours(hours);
        Assert.True(LatencyHistogram.IsEdge(target));
        Assert.Equal(target, LatencyHistogram.LowerEdge(LatencyHistogram.BucketOf(target)));
        Assert.Equal(target, LatencyHistogram.UpperEdge(LatencyHistogram.BucketOf(target - TimeSpan.FromTicks(1))));
    }

    [Fact]
    public void CountBelow_TheTarget_CountsJustUnderButNotAt()
    {
        var two = TimeSpan.FromHours(2);
        var h = Of([two - TimeSpan.FromTicks(1), two, two + TimeSpan.FromTicks(1), TimeSpan.Zero]);
        Assert.Equal(2, h.CountBelow(two));
        Assert.Equal(0.5, h.ShareBelow(two));
        Assert.Equal(4, h.CountBelow(TimeSpan.FromHours(4)));
        Assert.Equal(0, h.CountBelow(TimeSpan.Zero));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(59, 0)]
    [InlineData(60, 1)]
    [InlineData(4 * 3600 - 1, 239)]
    [InlineData(4 * 3600, 240)]
    [InlineData(4 * 3600 + 299, 240)]
    [InlineData(4 * 3600 + 300, 241)]
    [InlineData(24 * 3600 - 1, 479)]
    [InlineData(24 * 3600, 480)]
    [InlineData(7 * 86400 - 1, 623)]
    [InlineData(7 * 86400, 624)]
    [InlineData(90 * 86400 - 1, 706)]
    [InlineData(90 * 86400, 707)]
    [InlineData(400 * 86400, 707)]
    public void BucketOf_KnownDurations(int seconds, int bucket)
    {
        Assert.Equal(bucket, LatencyHistogram.BucketOf(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(707, LatencyHistogram.OverflowBucket);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(239, 239 * 60)]
    [InlineData(240, 4 * 3600)]
    [InlineData(241, 4 * 3600 + 300)]
    [InlineData(480, 86400)]
    [InlineData(481, 86400 + 3600)]
    [InlineData(624, 7 * 86400)]
    [InlineData(625, 8 * 86400)]
    [InlineData(707, 90 * 86400)]
    public void LowerEdge_KnownBuckets(int bucket, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LatencyHistogram.LowerEdge(bucket));

    [Fact]
    public void Edges_OutsideTheBuckets_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyHistogram.LowerEdge(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyHistogram.LowerEdge(708));
        Assert.Null(LatencyHistogram.UpperEdge(707));
        Assert.Equal(TimeSpan.FromDays(90), LatencyHistogram.UpperEdge(706));
    }

    [Theory]
    [InlineData(90, true)]
    [InlineData(150, true)]
    [InlineData(4 * 60 + 5, true)]
    [InlineData(4 * 60 + 7, false)]
    [InlineData(24 * 60 + 30, false)]
    [InlineData(90 * 24 * 60, true)]
    [InlineData(91 * 24 * 60, false)]
    [InlineData(-1, false)]
    public void IsEdge_WholeMinutesBelowFourHours_AndCoarserAbove(int minutes, bool edge)
    {
        Assert.Equal(edge, LatencyHistogram.IsEdge(TimeSpan.FromMinutes(minutes)));
        if (!edge)
        {
            Assert.Throws<ArgumentException>(() => LatencyHistogram.Empty.CountBelow(TimeSpan.FromMinutes(minutes)));
        }
    }

    [Fact]
    public void Add_Negative_CountsAsZero()
    {
        var h = LatencyHistogram.Empty.Add(TimeSpan.FromMinutes(-5));
        Assert.Equal(1, h.Buckets[0]);
        Assert.Equal(TimeSpan.Zero, h.Max);
        Assert.Equal(0, h.SumMilliseconds);
        Assert.Equal(TimeSpan.Zero, h.Mean);
    }

    [Fact]
    public void Empty_HasNoPercentilesNorShares()
    {
        Assert.Null(LatencyHistogram.Empty.Percentile(0.5));
        Assert.Null(LatencyHistogram.Empty.ShareBelow(TimeSpan.FromHours(2)));
        Assert.Null(LatencyHistogram.Empty.Mean);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Percentile_OutsideZeroToOne_Throws(double q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Of([TimeSpan.FromMinutes(1)]).Percentile(q));

    [Fact]
    public void Percentile_KnownValues_InterpolateWithinTheirMinute()
    {
        // 100 responses at 0:30, 1:30, ... 99:30 minutes: the median is in minute 49, p90 in minute 89.
        var h = Of(Enumerable.Range(0, 100).Select(m => TimeSpan.FromMinutes(m + 0.5)));
        Assert.Equal(TimeSpan.FromMinutes(50), h.Percentile(0.5));
        Assert.Equal(TimeSpan.FromMinutes(90), h.Percentile(0.9));
        Assert.Equal(TimeSpan.FromMinutes(99.5), h.Percentile(1));
        Assert.Equal(TimeSpan.FromMinutes(50), h.Mean);
        Assert.Equal(TimeSpan.FromMinutes(99.5), h.Max);
    }

    [Fact]
    public void Percentile_InTheOpenBucket_IsAtMostTheMax()
    {
        var h = Of([TimeSpan.FromDays(100), TimeSpan.FromDays(200)]);
        Assert.Equal(TimeSpan.FromDays(200), h.Percentile(1));
        var p50 = h.Percentile(0.5)!.Value;
        Assert.InRange(p50, TimeSpan.FromDays(90), TimeSpan.FromDays(200));
    }

    [Property(MaxTest = 300)]
    public bool CountBelow_AnyEdge_IsTheExactCount(uint[] seconds, ushort edgeMinutes)
    {
        var durations = Durations(seconds);
        var limit = TimeSpan.FromMinutes(edgeMinutes % 240);
        return Of(durations).CountBelow(limit) == durations.Count(d => d < limit);
    }

    [Property(MaxTest = 300)]
    public bool Percentile_LiesInTheBucketOfTheTrueValue(uint[] seconds, byte percent)
    {
        var durations = Durations(seconds).Order().ToArray();
        if (durations.Length == 0)
        {
            return true;
        }

        var q = ((percent % 100) + 1) / 100.0;
        var truth = durations[(int)Math.Ceiling(q * durations.Length) - 1];
        var estimate = Of(durations).Percentile(q)!.Value;
        var bucket = LatencyHistogram.BucketOf(truth);
        return estimate >= LatencyHistogram.LowerEdge(bucket) &&
               estimate <= (LatencyHistogram.UpperEdge(bucket) ?? durations[^1]) && estimate <= durations[^1];
    }

    [Property(MaxTest = 300)]
    public bool Merge_OfParts_EqualsAllAtOnce(uint[] a, uint[] b)
    {
        var (x, y) = (Durations(a), Durations(b));
        return Of(x).Merge(Of(y)) == Of([.. x, .. y]) && Of(x).Merge(Of(y)) == Of(y).Merge(Of(x));
    }

    [Property(MaxTest = 200)]
    public bool Merge_IsAssociative_WithEmptyAsIdentity(uint[] a, uint[] b, uint[] c)
    {
        var (x, y, z) = (Of(Durations(a)), Of(Durations(b)), Of(Durations(c)));
        return x.Merge(y).Merge(z) == x.Merge(y.Merge(z)) && x.Merge(LatencyHistogram.Empty) == x && LatencyHistogram.Empty.Merge(x) == x;
    }

    [Property(MaxTest = 200)]
    public bool CountAndMax_MatchTheDurations(uint[] seconds)
    {
        var durations = Durations(seconds);
        var h = Of(durations);
        return h.Count == durations.Length && h.Buckets.Values.Sum() == durations.Length &&
               h.Max == (durations.Length == 0 ? TimeSpan.Zero : durations.Max()) &&
               h.SumMilliseconds == durations.Sum(d => (long)d.TotalMilliseconds);
    }

    [Fact]
    public void Equals_ComparesContent()
    {
        var a = Of([TimeSpan.FromMinutes(3)]);
        Assert.Equal(a, Of([TimeSpan.FromMinutes(3)]));
        Assert.NotEqual(a, Of([TimeSpan.FromMinutes(4)]));
        Assert.NotEqual(a, Of([TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(1))]));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void BucketOf_Negative_IsTheFirstBucket()
    {
        Assert.Equal(0, LatencyHistogram.BucketOf(TimeSpan.FromMinutes(-5)));
        Assert.Equal(0, LatencyHistogram.BucketOf(TimeSpan.FromDays(-100)));
    }

    [Theory]
    [InlineData(0.1, 60)]   // rank 1: the whole of minute 0
    [InlineData(0.3, 340)]  // rank 3: second of three in minute 5, 5:40
    [InlineData(0.4, 360)]  // rank 4: the last of minute 5
    [InlineData(0.7, 1830)] // rank 7: third of six in minute 30, 30:30 (the maximum)
    [InlineData(1.0, 1830)] // rank 10: minute 31 is cut at the maximum
    public void Percentile_UnevenBuckets_InterpolateWithinTheRankedBucket(double q, int seconds)
    {
        // 1 duration in minute 0, 3 in minute 5, 6 in minute 30: ranks 1, 2-4 and 5-10.
        var h = Of([
            TimeSpan.FromSeconds(10),
            .. Enumerable.Repeat(TimeSpan.FromMinutes(5.5), 3),
            .. Enumerable.Repeat(TimeSpan.FromMinutes(30.5), 6),
        ]);

        var error = h.Percentile(q)!.Value - TimeSpan.FromSeconds(seconds);
        Assert.True(error.Duration() < TimeSpan.FromMilliseconds(1), $"q={q}: {h.Percentile(q)}");
    }

    [Fact]
    public void Merge_Null_Throws() => Assert.Throws<ArgumentNullException>(() => LatencyHistogram.Empty.Merge(null!));

    [Fact]
    public void Errors_SayWhatIsWrong()
    {
        Assert.Equal(
            "00:04:30 is not a bucket edge; the count below it would be an estimate. (Parameter 'limit')",
            Assert.Throws<ArgumentException>(() => LatencyHistogram.Empty.CountBelow(TimeSpan.FromSeconds(270))).Message);
        Assert.StartsWith(
            "A quantile is above 0 and at most 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => LatencyHistogram.Empty.Percentile(2)).Message);
    }
}
