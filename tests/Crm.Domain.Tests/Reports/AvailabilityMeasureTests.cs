using Crm.Domain.Reports;

namespace Crm.Domain.Tests.Reports;

public sealed class AvailabilityMeasureTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static IEnumerable<DateTimeOffset> Minutes(DateTimeOffset from, int count) => Enumerable.Range(0, count).Select(i => from.AddMinutes(i));

    [Fact]
    public void Of_AWholeDayWithTwoMinutesMissing_IsUpOverMinutes()
    {
        var up = Minutes(Day, 1440).Where(m => m != Day.AddMinutes(600) && m != Day.AddMinutes(601)).ToList();
        var measure = AvailabilityMeasure.Of(Day, Day.AddDays(1), Day.AddDays(-30), Day.AddDays(2), up);
        Assert.Equal(1440, measure.MinutesInPeriod);
        Assert.Equal(1440, measure.MinutesMeasured);
        Assert.Equal(1438, measure.MinutesUp);
        Assert.Equal(2, measure.MinutesDown);
        Assert.Equal(1438 * 100.0 / 1440, measure.Percent!.Value, 9);
    }

    [Fact]
    public void Of_APeriodPartlyBeforeTheProductRan_MeasuresFromTheFirstHeartbeat()
    {
        // The product started at 18:00 local: the 1,080 minutes before are not measured, not down.
        var first = Day.AddHours(18);
        var up = Minutes(first, 360).Where((_, i) => i != 10).Append(Day.AddHours(2)).ToList();
        var measure = AvailabilityMeasure.Of(Day, Day.AddDays(1), first, Day.AddDays(1), up);
        Assert.Equal(1440, measure.MinutesInPeriod);
        Assert.Equal(360, measure.MinutesMeasured);
        Assert.Equal(359, measure.MinutesUp);
        Assert.Equal(1, measure.MinutesDown);
    }

    [Fact]
    public void Of_APeriodInProgress_MeasuresOnlyTheMinutesThatAreOver()
    {
        var now = Day.AddMinutes(90).AddSeconds(30);
        var up = Minutes(Day, 91).Concat(Minutes(Day, 91)).ToList();
        var measure = AvailabilityMeasure.Of(Day, Day.AddDays(1), Day.AddDays(-1), now, up);
        Assert.Equal(90, measure.MinutesMeasured);
        Assert.Equal(90, measure.MinutesUp);
        Assert.Equal(100, measure.Percent);
    }

    [Fact]
    public void Of_NeverRanOrNotYetBegun_MeasuresNothing()
    {
        Assert.Null(AvailabilityMeasure.Of(Day, Day.AddDays(1), null, Day.AddDays(2), []).Percent);
        var future = AvailabilityMeasure.Of(Day, Day.AddDays(1), Day.AddDays(-1), Day.AddMinutes(-5), Minutes(Day, 10));
        Assert.Equal(0, future.MinutesMeasured);
        Assert.Null(future.Percent);
        Assert.Throws<ArgumentException>(() => AvailabilityMeasure.Of(Day, Day.AddMinutes(-1), null, Day, []));
    }

    [Fact]
    public void Choose_PostedWins_ElseMeasured_ElseNone()
    {
        var measured = new AvailabilityMeasure(100, 100, 99);
        Assert.Equal((AvailabilitySource.Posted, 99.95), AvailabilityRules.Choose(99.95, measured));
        Assert.Equal((AvailabilitySource.Measured, 99.0), AvailabilityRules.Choose(null, measured));
        Assert.Equal((AvailabilitySource.None, (double?)null), AvailabilityRules.Choose(null, new AvailabilityMeasure(100, 0, 0)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(99.9, true)]
    [InlineData(-0.001, false)]
    [InlineData(100.001, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void IsPercent_ZeroToHundredOnly(double value, bool expected) => Assert.Equal(expected, AvailabilityRules.IsPercent(value));
}
