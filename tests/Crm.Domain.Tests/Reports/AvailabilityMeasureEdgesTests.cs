using Crm.Domain.Reports;

namespace Crm.Domain.Tests.Reports;

/// <summary>The argument checks the first mutation run of <see cref="AvailabilityMeasure"/> found unguarded.</summary>
public sealed class AvailabilityMeasureEdgesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_WithoutMinutes_Throws() =>
        Assert.Equal("upMinutes", Assert.Throws<ArgumentNullException>(() => AvailabilityMeasure.Of(At, At.AddHours(1), At, At.AddHours(1), null!)).ParamName);

    [Fact]
    public void Of_APeriodEndingBeforeItStarts_NamesTheEnd()
    {
        var error = Assert.Throws<ArgumentException>(() => AvailabilityMeasure.Of(At, At.AddMinutes(-1), At, At, []));
        Assert.Equal("to", error.ParamName);
        Assert.StartsWith("The period ends before it starts.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AnEmptyPeriod_IsNoMinutes() =>
        Assert.Equal(new AvailabilityMeasure(0, 0, 0), AvailabilityMeasure.Of(At, At, At, At.AddHours(1), [At]));
}
