using Crm.Domain.Reports;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class ReportPeriodTests
{
    private static readonly ReportPeriodKind[] Kinds = Enum.GetValues<ReportPeriodKind>();

    private static DateOnly Date(uint days) => new DateOnly(2000, 1, 1).AddDays((int)(days % (60 * 366)));

    [Theory]
    [InlineData("2026-12-01", ReportPeriodKind.Day, "2026-12-01", "2026-12-02")]
    [InlineData("2026-W49", ReportPeriodKind.Week, "2026-11-30", "2026-12-07")]
    [InlineData("2026-12", ReportPeriodKind.Month, "2026-12-01", "2027-01-01")]
    [InlineData("2026-Q4", ReportPeriodKind.Quarter, "2026-10-01", "2027-01-01")]
    [InlineData("2026-Q1", ReportPeriodKind.Quarter, "2026-01-01", "2026-04-01")]
    [InlineData("2024-02", ReportPeriodKind.Month, "2024-02-01", "2024-03-01")]
    // ISO weeks across year ends: 2026 has 53 weeks; week 1 of 2025 starts in 2024; week 53 of 2020 ends in 2021.
    [InlineData("2026-W53", ReportPeriodKind.Week, "2026-12-28", "2027-01-04")]
    [InlineData("2025-W01", ReportPeriodKind.Week, "2024-12-30", "2025-01-06")]
    [InlineData("2020-W53", ReportPeriodKind.Week, "2020-12-28", "2021-01-04")]
    public void Parse_KnownIds_GiveTheirDays(string id, ReportPeriodKind kind, string start, string end)
    {
        var p = ReportPeriod.Parse(id);

        Assert.Equal(kind, p.Kind);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
        Assert.Equal(id, p.ToString());
    }

    [Theory]
    [InlineData("2027-01-01", "2026-W53")]
    [InlineData("2027-01-03", "2026-W53")]
    [InlineData("2027-01-04", "2027-W01")]
    [InlineData("2024-12-30", "2025-W01")]
    [InlineData("2026-11-30", "2026-W49")]
    [InlineData("2026-12-06", "2026-W49")]
    public void Containing_Week_UsesTheIsoWeekYear(string day, string week) =>
        Assert.Equal(week, ReportPeriod.Containing(ReportPeriodKind.Week, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-02-30")]
    [InlineData("2026-W00")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("0000-01")]
    [InlineData("2026-1")]
    [InlineData("2026-12-01 ")]
    [InlineData("２０２６-12")]
    [InlineData("2026-w49")]
    [InlineData("2026-12-01T00")]
    public void TryParse_NotAPeriod_IsRefused(string? text)
    {
        Assert.False(ReportPeriod.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => ReportPeriod.Parse(text));
        }
    }

    [Fact]
    public void Containing_UnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Containing((ReportPeriodKind)9, new DateOnly(2026, 1, 1)));

    [Theory]
    [InlineData("2026-12-31", "2026-12-30", "2027-01-01")]
    [InlineData("2026-W01", "2025-W52", "2026-W02")]
    [InlineData("2026-W53", "2026-W52", "2027-W01")]
    [InlineData("2026-01", "2025-12", "2026-02")]
    [InlineData("2026-Q1", "2025-Q4", "2026-Q2")]
    public void PreviousAndNext_CrossYearEnds(string id, string previous, string next)
    {
        var p = ReportPeriod.Parse(id);
        Assert.Equal(previous, p.Previous.ToString());
        Assert.Equal(next, p.Next.ToString());
    }

    [Property(MaxTest = 500)]
    public bool Containing_HoldsTheDay_AndRoundTripsItsId(uint days, byte kind)
    {
        var day = Date(days);
        var p = ReportPeriod.Containing(Kinds[kind % Kinds.Length], day);
        return p.Contains(day) && !p.Contains(p.End) && !p.Contains(p.Start.AddDays(-1)) &&
               ReportPeriod.Parse(p.ToString()) == p && ReportPeriod.Containing(p.Kind, p.Start) == p &&
               ReportPeriod.Containing(p.Kind, p.End.AddDays(-1)) == p;
    }

    [Property(MaxTest = 300)]
    public bool Periods_TileTheCalendar_WithTheRightLengths(uint days, byte kind)
    {
        var p = ReportPeriod.Containing(Kinds[kind % Kinds.Length], Date(days));
        var lengthOk = p.Kind switch
        {
            ReportPeriodKind.Day => p.DayCount == 1,
            ReportPeriodKind.Week => p.DayCount == 7 && p.Start.DayOfWeek == DayOfWeek.Monday,
            ReportPeriodKind.Month => p.DayCount is >= 28 and <= 31 && p.Start.Day == 1,
            _ => p.DayCount is >= 90 and <= 92 && p.Start.Day == 1 && p.Start.Month % 3 == 1,
        };
        return lengthOk && p.Next.Start == p.End && p.Previous.End == p.Start && p.Days.Count() == p.DayCount &&
               p.Days.All(d => ReportPeriod.Containing(p.Kind, d) == p);
    }

    [Property(MaxTest = 300)]
    public bool Days_RollUp_IntoEveryLongerPeriodThatHoldsThem(uint days)
    {
        var day = Date(days);
        var month = ReportPeriod.Containing(ReportPeriodKind.Month, day);
        var quarter = ReportPeriod.Containing(ReportPeriodKind.Quarter, day);
        var week = ReportPeriod.Containing(ReportPeriodKind.Week, day);
        return month.Contains(day) && quarter.Contains(day) && week.Contains(day) &&
               quarter.Start <= month.Start && month.End <= quarter.End;
    }

    [Theory]
    [InlineData("0001-01", true)]
    [InlineData("9998-Q4", true)]
    [InlineData("9998-12-31", true)]
    [InlineData("9999-01", false)] // its quarter would end past the last day DateOnly holds
    [InlineData("9999-W01", false)]
    public void TryParse_Years_From1To9998(string text, bool valid) => Assert.Equal(valid, ReportPeriod.TryParse(text, out _));

    [Fact]
    public void Errors_SayWhatIsWrong()
    {
        Assert.Equal(
            "'2026-13' is not a period: use 2026-12-01, 2026-W49, 2026-12 or 2026-Q4.",
            Assert.Throws<FormatException>(() => ReportPeriod.Parse("2026-13")).Message);
        Assert.StartsWith(
            "Not a report period kind.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Containing((ReportPeriodKind)9, new DateOnly(2026, 1, 1))).Message);
    }

    [Theory]
    [InlineData(1, "2026-Q1")]
    [InlineData(3, "2026-Q1")]
    [InlineData(4, "2026-Q2")]
    [InlineData(8, "2026-Q3")]
    [InlineData(12, "2026-Q4")]
    public void Quarter_OfEveryMonth_IsNamedByItsNumber(int month, string id) =>
        Assert.Equal(id, ReportPeriod.Containing(ReportPeriodKind.Quarter, new DateOnly(2026, month, 15)).ToString());
}
