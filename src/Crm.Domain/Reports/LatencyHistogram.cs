using System.Collections.Immutable;

namespace Crm.Domain.Reports;

/// <summary>
/// Counts of durations in fixed buckets: one minute wide up to 4 h, five minutes up to 24 h, an hour up to 7 days, a
/// day up to 90 days, then one open bucket. The contract targets (2 h, 4 h, 24 h) and every whole minute below
/// 4 h are bucket edges, so the share within such a target is an exact count, not an estimate; percentiles are
/// within one bucket (a minute below 4 h). Buckets are kept sparse, and merging adds counts, so histograms of days
/// add up to the histogram of their month.
/// </summary>
public sealed record LatencyHistogram
{
    /// <summary>Buckets below this are one minute wide.</summary>
    public static readonly TimeSpan FineUntil = TimeSpan.FromHours(4);

    public static readonly TimeSpan MediumUntil = TimeSpan.FromHours(24);
    public static readonly TimeSpan CoarseUntil = TimeSpan.FromDays(7);

    /// <summary>Durations from here on share the last, open bucket.</summary>
    public static readonly TimeSpan DaysUntil = TimeSpan.FromDays(90);

    private static readonly TimeSpan Fine = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Medium = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Coarse = TimeSpan.FromHours(1);
    private static readonly TimeSpan Daily = TimeSpan.FromDays(1);

    private static readonly int FineBuckets = (int)(FineUntil / Fine);
    private static readonly int MediumBuckets = (int)((MediumUntil - FineUntil) / Medium);
    private static readonly int CoarseBuckets = (int)((CoarseUntil - MediumUntil) / Coarse);
    private static readonly int DailyBuckets = (int)((DaysUntil - CoarseUntil) / Daily);

    /// <summary>The index of the open bucket for durations of <see cref="DaysUntil"/> and more.</summary>
    public static readonly int OverflowBucket = FineBuckets + MediumBuckets + CoarseBuckets + DailyBuckets;

    public static LatencyHistogram Empty { get; } = new();

    /// <summary>Bucket index to count; absent buckets are empty.</summary>
    public ImmutableSortedDictionary<int, long> Buckets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;

    public long Count { get; init; }

    /// <summary>Sum of all durations in whole milliseconds, for the mean.</summary>
    public long SumMilliseconds { get; init; }

    /// <summary>The longest duration counted; zero when empty.</summary>
    public TimeSpan Max { get; init; }

    public TimeSpan? Mean => Count == 0 ? null : TimeSpan.FromMilliseconds((double)SumMilliseconds / Count);

    public bool Equals(LatencyHistogram? other) =>
        other is not null && Count == other.Count && SumMilliseconds == other.SumMilliseconds && Max == other.Max &&
        Buckets.Count == other.Buckets.Count && Buckets.All(b => other.Buckets.TryGetValue(b.Key, out var c) && c == b.Value);

    public override int GetHashCode() => HashCode.Combine(Count, SumMilliseconds, Max);

    /// <summary>The bucket a duration falls in; negative durations count as zero.</summary>
    public static int BucketOf(TimeSpan duration)
    {
        // Stryker disable Equality : each range ends where the next begins, and a duration at the boundary gets the same
        // bucket from either side (zero is bucket 0; 4 h is fine bucket 240 and medium bucket 0), so < and <= agree.
        var d = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        if (d < FineUntil)
        {
            return (int)(d.Ticks / Fine.Ticks);
        }

        if (d < MediumUntil)
        {
            return FineBuckets + (int)((d - FineUntil).Ticks / Medium.Ticks);
        }

        if (d < CoarseUntil)
        {
            return FineBuckets + MediumBuckets + (int)((d - MediumUntil).Ticks / Coarse.Ticks);
        }

        if (d < DaysUntil)
        {
            return FineBuckets + MediumBuckets + CoarseBuckets + (int)((d - CoarseUntil).Ticks / Daily.Ticks);
        }

        // Stryker restore Equality
        return OverflowBucket;
    }

    /// <summary>Where a bucket starts (inclusive).</summary>
    public static TimeSpan LowerEdge(int bucket)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucket, OverflowBucket);

        // Stryker disable Equality : as in BucketOf, the first bucket of each range starts where the last one of the
        // range before ends (bucket 240 is 4 h both as fine bucket 240 and as medium bucket 0), so < and <= agree.
        if (bucket < FineBuckets)
        {
            return Fine * bucket;
        }

        bucket -= FineBuckets;
        if (bucket < MediumBuckets)
        {
            return FineUntil + (Medium * bucket);
        }

        bucket -= MediumBuckets;
        if (bucket < CoarseBuckets)
        {
            return MediumUntil + (Coarse * bucket);
        }

        // Stryker restore Equality
        bucket -= CoarseBuckets;
        return CoarseUntil + (Daily * bucket);
    }

    /// <summary>Where a bucket ends (exclusive); null for the open bucket.</summary>
    public static TimeSpan? UpperEdge(int bucket) => bucket >= OverflowBucket ? null : LowerEdge(bucket + 1);

    /// <summary>Whether counting durations below <paramref name="limit"/> is exact: the limit is a bucket edge.</summary>
    /// <remarks>No range check is needed: a negative limit falls in bucket 0 and one past the last edge in the open
    /// bucket, and neither starts at such a limit.</remarks>
    public static bool IsEdge(TimeSpan limit) => LowerEdge(BucketOf(limit)) == limit;

    public LatencyHistogram Add(TimeSpan duration)
    {
        // Stryker disable once Equality : at duration == 0 both give zero.
        var d = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        var bucket = BucketOf(d);
        return new LatencyHistogram
        {
            Buckets = Buckets.SetItem(bucket, Buckets.GetValueOrDefault(bucket) + 1),
            Count = Count + 1,
            SumMilliseconds = SumMilliseconds + (long)d.TotalMilliseconds,
            // Stryker disable once Equality : at d == Max both give the same duration.
            Max = d > Max ? d : Max,
        };
    }

    public LatencyHistogram Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var buckets = Buckets.ToBuilder();
        foreach (var (bucket, count) in other.Buckets)
        {
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + count;
        }

        return new LatencyHistogram
        {
            Buckets = buckets.ToImmutable(),
            Count = Count + other.Count,
            SumMilliseconds = SumMilliseconds + other.SumMilliseconds,
            // Stryker disable once Equality : at other.Max == Max both give the same duration.
            Max = other.Max > Max ? other.Max : Max,
        };
    }

    /// <summary>How many durations were strictly below <paramref name="limit"/>, exactly.</summary>
    /// <exception cref="ArgumentException">The limit is not a bucket edge, so the count would be an estimate.</exception>
    public long CountBelow(TimeSpan limit)
    {
        if (!IsEdge(limit))
        {
            throw new ArgumentException($"{limit} is not a bucket edge; the count below it would be an estimate.", nameof(limit));
        }

        var edge = BucketOf(limit);
        return Buckets.Where(b => b.Key < edge).Sum(b => b.Value);
    }

    /// <summary>The share below <paramref name="limit"/>; null when nothing was counted.</summary>
    public double? ShareBelow(TimeSpan limit) => Count == 0 ? null : (double)CountBelow(limit) / Count;

    /// <summary>
    /// The <paramref name="quantile"/> (0 &lt; q ≤ 1) by nearest rank, interpolated within its bucket and never above
    /// the maximum; null when empty. The true value lies in the same bucket.
    /// </summary>
    public TimeSpan? Percentile(double quantile)
    {
        if (double.IsNaN(quantile) || quantile <= 0 || quantile > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile is above 0 and at most 1.");
        }

        if (Count == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * Count);
        long before = 0;
        foreach (var (bucket, count) in Buckets)
        {
            if (before + count >= rank)
            {
                var lower = LowerEdge(bucket);
                var upper = UpperEdge(bucket) ?? Max;
                var within = (double)(rank - before) / count;
                var estimate = lower + ((upper - lower) * within);
                // Stryker disable once Equality : at estimate == Max both give the same duration.
                return estimate > Max ? Max : estimate;
            }

            before += count;
        }

        return Max;
    }
}
