namespace Crm.Domain.Reports;

/// <summary>
/// Service availability over one period, as the product measures it: a minute is up when at least one silo
/// recorded its readiness in it, and down otherwise. Minutes before the product first ran, and minutes not yet
/// come, are not measured (they are neither up nor down), so a period the product joined half way through is
/// judged on the half it ran.
/// </summary>
/// <param name="MinutesInPeriod">Every whole minute of the period.</param>
/// <param name="MinutesMeasured">The minutes from the product's first heartbeat (or the period's start) up to now (or the period's end).</param>
/// <param name="MinutesUp">Measured minutes with a heartbeat.</param>
public sealed record AvailabilityMeasure(long MinutesInPeriod, long MinutesMeasured, long MinutesUp)
{
    /// <summary>The contract's 7x24 target, in percent.</summary>
    public const double TargetPercent = 99.9;

    /// <summary>Measured minutes with no heartbeat: counted as down.</summary>
    public long MinutesDown => MinutesMeasured - MinutesUp;

    /// <summary>Up over measured, in percent; null when nothing of the period was measured.</summary>
    public double? Percent => MinutesMeasured == 0 ? null : MinutesUp * 100.0 / MinutesMeasured;

    /// <summary>
    /// Measures [<paramref name="from"/>, <paramref name="to"/>) from the minutes that had a heartbeat.
    /// </summary>
    /// <param name="firstHeartbeat">The product's first heartbeat ever; null when it never ran.</param>
    /// <param name="upMinutes">Minutes with a heartbeat, each as its start (UTC minutes); others are ignored.</param>
    public static AvailabilityMeasure Of(
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset? firstHeartbeat, DateTimeOffset now, IEnumerable<DateTimeOffset> upMinutes)
    {
        ArgumentNullException.ThrowIfNull(upMinutes);
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }

        long start = MinuteOf(from), end = MinuteOf(to);
        var total = end - start;
        if (firstHeartbeat is not { } first)
        {
            return new AvailabilityMeasure(total, 0, 0);
        }

        // The minute in progress is not over: it is measured once it is.
        long measuredFrom = Math.Max(start, MinuteOf(first)), measuredTo = Math.Min(end, MinuteOf(now));
        if (measuredTo <= measuredFrom)
        {
            return new AvailabilityMeasure(total, 0, 0);
        }

        var up = upMinutes.Select(MinuteOf).Where(m => m >= measuredFrom && m < measuredTo).Distinct().LongCount();
        return new AvailabilityMeasure(total, measuredTo - measuredFrom, up);
    }

    /// <summary>Whole minutes since the Unix epoch, rounded down.</summary>
    public static long MinuteOf(DateTimeOffset at) => (long)Math.Floor(at.ToUnixTimeMilliseconds() / 60000.0);
}
