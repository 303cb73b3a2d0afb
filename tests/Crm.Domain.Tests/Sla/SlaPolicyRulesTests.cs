using Crm.Domain.Sla;

namespace Crm.Domain.Tests.Sla;

public sealed class SlaPolicyRulesTests
{
    private static readonly SlaPolicy Office = SlaPolicy.Default with
    {
        Calendar = SlaCalendar.Weekdays(
            "Asia/Shanghai",
            [(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), (TimeSpan.FromHours(13), TimeSpan.FromHours(18))],
            [new DateOnly(2026, 10, 1)]),
    };

    private static IEnumerable<string> Fields(SlaPolicy policy) => SlaPolicyRules.Validate(policy).Select(p => p.Field);

    [Fact]
    public void Validate_Defaults_HasNoProblems() => Assert.Empty(SlaPolicyRules.Validate(SlaPolicy.Default));

    [Fact]
    public void Validate_BusinessHoursInAnIanaZone_HasNoProblems() => Assert.Empty(SlaPolicyRules.Validate(Office));

    [Fact]
    public void Default_HasTheContractTargets()
    {
        Assert.Equal(TimeSpan.FromHours(2), SlaPolicy.Default.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(4), SlaPolicy.Default.Resolution);
        Assert.Equal(TimeSpan.FromHours(24), SlaPolicy.Default.MajorResolution);
        Assert.Equal(0.75, SlaPolicy.Default.WarningShare);
        Assert.True(SlaPolicy.Default.Calendar.IsAlwaysOpen);
    }

    [Fact]
    public void Validate_BadTargets_NamesEachField() =>
        Assert.Equal(
            ["version", "firstResponse", "resolution", "majorResolution"],
            Fields(SlaPolicy.Default with
            {
                Version = 0,
                FirstResponse = TimeSpan.FromHours(-1),
                Resolution = TimeSpan.Zero,
                MajorResolution = TimeSpan.FromDays(91),
            }));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_WarningShareOutsideOpenUnitInterval_IsRefused(double share) =>
        Assert.Equal(["warningShare"], Fields(SlaPolicy.Default with { WarningShare = share }));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void Validate_UnknownTimeZone_IsRefused(string zone) =>
        Assert.Equal(["calendar.timeZoneId"], Fields(Office with { Calendar = Office.Calendar with { TimeZoneId = zone } }));

    [Fact]
    public void Validate_OverlappingSpans_NamesTheLaterSpan()
    {
        var calendar = SlaCalendar.BusinessHours(
            "Asia/Shanghai",
            [WorkingSpan.Of(DayOfWeek.Monday, 9, 12), WorkingSpan.Of(DayOfWeek.Tuesday, 11, 14), WorkingSpan.Of(DayOfWeek.Monday, 11, 14)]);

        var problems = SlaPolicyRules.Validate(SlaPolicy.Default with { Calendar = calendar });

        var problem = Assert.Single(problems);
        Assert.Equal("calendar.hours[2]", problem.Field);
        Assert.Contains("Overlaps 09:00-12:00 on Monday", problem.Message);
    }

    [Theory]
    [InlineData(11, 14)] // starts inside
    [InlineData(8, 10)] // ends inside
    [InlineData(10, 11)] // lies inside
    [InlineData(8, 13)] // covers
    public void Validate_OverlapOnTheSameDay_IsRefusedWhicheverWay(int start, int end) =>
        Assert.Equal(
            ["calendar.hours[1]"],
            SlaPolicyRules.ValidateCalendar(SlaCalendar.BusinessHours(
                "UTC", [WorkingSpan.Of(DayOfWeek.Monday, 9, 12), WorkingSpan.Of(DayOfWeek.Monday, start, end)])).Select(p => p.Field));

    [Fact]
    public void Validate_TouchingSpans_AreFine() =>
        Assert.Empty(SlaPolicyRules.ValidateCalendar(SlaCalendar.BusinessHours(
            "Asia/Shanghai", [WorkingSpan.Of(DayOfWeek.Monday, 9, 12), WorkingSpan.Of(DayOfWeek.Monday, 12, 24)])));

    [Theory]
    [InlineData(10, 9)]
    [InlineData(9, 9)]
    [InlineData(-1, 9)]
    [InlineData(20, 25)]
    public void Validate_SpanOutOfOrderOrOutsideTheDay_IsRefused(int start, int end) =>
        Assert.Equal(
            ["calendar.hours[0]"],
            SlaPolicyRules.ValidateCalendar(SlaCalendar.BusinessHours("UTC", [WorkingSpan.Of(DayOfWeek.Monday, start, end)])).Select(p => p.Field));

    [Fact]
    public void Validate_BusinessHoursWithoutSpans_IsRefused() =>
        Assert.Equal(
            ["calendar.hours"],
            SlaPolicyRules.ValidateCalendar(SlaCalendar.BusinessHours("UTC", [])).Select(p => p.Field));

    [Fact]
    public void Validate_TooManySpansADay_IsRefused() =>
        Assert.Equal(
            ["calendar.hours"],
            SlaPolicyRules.ValidateCalendar(SlaCalendar.BusinessHours(
                "UTC", Enumerable.Range(0, 5).Select(i => WorkingSpan.Of(DayOfWeek.Monday, i * 2, (i * 2) + 1)))).Select(p => p.Field));

    [Fact]
    public void Validate_UnknownWeekday_IsRefused() =>
        Assert.Equal(
            ["calendar.hours[0].day"],
            SlaPolicyRules.ValidateCalendar(SlaCalendar.BusinessHours("UTC", [WorkingSpan.Of((DayOfWeek)9, 9, 18)])).Select(p => p.Field));

    [Fact]
    public void Validate_HolidaysOnAnAlwaysOpenCalendar_AreRefusedRatherThanIgnored() =>
        Assert.Equal(
            ["calendar.holidays"],
            Fields(SlaPolicy.Default with { Calendar = SlaCalendar.AlwaysOpen with { Holidays = [new DateOnly(2026, 10, 1)] } }));

    [Fact]
    public void Equals_CalendarsWithTheSameContent_AreEqual()
    {
        var again = SlaCalendar.Weekdays(
            "Asia/Shanghai",
            [(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), (TimeSpan.FromHours(13), TimeSpan.FromHours(18))],
            [new DateOnly(2026, 10, 1)]);

        Assert.Equal(Office.Calendar, again);
        Assert.Equal(Office, SlaPolicy.Default with { Calendar = again });
        Assert.NotEqual(Office.Calendar, again with { Holidays = [] });
        Assert.NotEqual(Office.Calendar, again with { Hours = null });
    }

    private static IEnumerable<(string, string)> Problems(SlaCalendar calendar) =>
        SlaPolicyRules.ValidateCalendar(calendar).Select(p => (p.Field, p.Message));

    [Fact]
    public void Validate_EachBadField_SaysWhatIsAllowed() =>
        Assert.Equal(
            [
                ("version", "Must be 1 or more."),
                ("firstResponse", "Must be more than zero and at most 90 days."),
                ("resolution", "Must be more than zero and at most 90 days."),
                ("majorResolution", "Must be more than zero and at most 90 days."),
                ("warningShare", "Must be between 0 and 1, both excluded (e.g. 0.75)."),
            ],
            SlaPolicyRules.Validate(SlaPolicy.Default with
            {
                Version = -1,
                FirstResponse = TimeSpan.Zero,
                Resolution = TimeSpan.FromDays(90).Add(TimeSpan.FromTicks(1)),
                MajorResolution = TimeSpan.FromTicks(-1),
                WarningShare = 2,
            }).Select(p => (p.Field, p.Message)));

    [Fact]
    public void Validate_TargetsAtTheBounds_AreAccepted() =>
        Assert.Empty(SlaPolicyRules.Validate(SlaPolicy.Default with
        {
            Version = 1,
            FirstResponse = TimeSpan.FromTicks(1),
            Resolution = SlaPolicyRules.MaxTarget,
            MajorResolution = TimeSpan.FromDays(90),
            WarningShare = 0.999,
        }));

    [Fact]
    public void Validate_NoCalendar_IsRequired() =>
        Assert.Equal(
            [("calendar", "A calendar is required.")],
            SlaPolicyRules.Validate(SlaPolicy.Default with { Calendar = null! }).Select(p => (p.Field, p.Message)));

    [Fact]
    public void ValidateCalendar_UnknownZone_NamesItAndAnExample() =>
        Assert.Equal(
            [("calendar.timeZoneId", "Unknown time zone 'Mars/Olympus_Mons'; use an IANA id such as \"Asia/Shanghai\".")],
            Problems(SlaCalendar.AlwaysOpen with { TimeZoneId = "Mars/Olympus_Mons" }));

    [Fact]
    public void ValidateCalendar_NoHolidayList_IsRequired() =>
        Assert.Equal(
            [("calendar.holidays", "A list is required (it may be empty).")],
            Problems(SlaCalendar.Weekdays("UTC", [(TimeSpan.FromHours(9), TimeSpan.FromHours(18))]) with { Holidays = null! }));

    [Fact]
    public void ValidateCalendar_Holidays_AtMostAThousand()
    {
        var days = Enumerable.Range(0, SlaPolicyRules.MaxHolidays + 1).Select(d => new DateOnly(2026, 1, 1).AddDays(d)).ToList();
        var office = SlaCalendar.Weekdays("UTC", [(TimeSpan.FromHours(9), TimeSpan.FromHours(18))]);

        Assert.Empty(Problems(office with { Holidays = days.Take(SlaPolicyRules.MaxHolidays).ToList() }));
        Assert.Equal([("calendar.holidays", "At most 1000 holidays.")], Problems(office with { Holidays = days }));
    }

    [Fact]
    public void ValidateCalendar_HolidaysWithoutHours_SaysHowToGetThem() =>
        Assert.Equal(
            [("calendar.holidays", "Holidays need business hours; for 7x24 with holidays use 00:00-24:00 on every day.")],
            Problems(SlaCalendar.AlwaysOpen with { Holidays = [new DateOnly(2026, 10, 1)] }));

    [Fact]
    public void ValidateCalendar_EmptyHours_SaysToLeaveThemOut() =>
        Assert.Equal(
            [("calendar.hours", "Business hours need at least one span; leave hours out for 7x24.")],
            Problems(SlaCalendar.BusinessHours("UTC", [])));

    [Fact]
    public void ValidateCalendar_NullSpan_IsRequiredAndTheOthersStillChecked() =>
        Assert.Equal(
            [("calendar.hours[0]", "A span is required."), ("calendar.hours[2]", "Start must be before end, both within 00:00-24:00.")],
            Problems(new SlaCalendar { Hours = [null!, WorkingSpan.Of(DayOfWeek.Monday, 9, 12), WorkingSpan.Of(DayOfWeek.Monday, 14, 13)] }));

    [Fact]
    public void ValidateCalendar_BadSpans_SayWhatIsWrong() =>
        Assert.Equal(
            [
                ("calendar.hours[0].day", "Unknown weekday."),
                ("calendar.hours[1]", "Start must be before end, both within 00:00-24:00."),
                ("calendar.hours[3]", "Overlaps 09:00-12:00 on Tuesday."),
            ],
            Problems(SlaCalendar.BusinessHours(
                "UTC",
                [
                    WorkingSpan.Of((DayOfWeek)7, 9, 18), WorkingSpan.Of(DayOfWeek.Monday, 18, 9),
                    WorkingSpan.Of(DayOfWeek.Tuesday, 9, 12), WorkingSpan.Of(DayOfWeek.Tuesday, 11, 13),
                ])));

    [Fact]
    public void ValidateCalendar_TouchingSpansInEitherOrder_AreFine() =>
        Assert.Empty(Problems(SlaCalendar.BusinessHours(
            "UTC", [WorkingSpan.Of(DayOfWeek.Monday, 12, 24), WorkingSpan.Of(DayOfWeek.Monday, 9, 12), WorkingSpan.Of(DayOfWeek.Monday, 0, 9)])));

    [Fact]
    public void ValidateCalendar_WholeDay_IsFine() =>
        Assert.Empty(Problems(SlaCalendar.BusinessHours("UTC", [new WorkingSpan(DayOfWeek.Monday, TimeSpan.Zero, TimeSpan.FromDays(1))])));

    [Fact]
    public void ValidateCalendar_SpansADay_AtMostFour()
    {
        var four = Enumerable.Range(0, 4).Select(i => WorkingSpan.Of(DayOfWeek.Friday, i * 2, (i * 2) + 1)).ToList();

        Assert.Empty(Problems(SlaCalendar.BusinessHours("UTC", four)));
        Assert.Equal(
            [("calendar.hours", "At most 4 spans on Friday.")],
            Problems(SlaCalendar.BusinessHours("UTC", [.. four, WorkingSpan.Of(DayOfWeek.Friday, 20, 21)])));
    }

    [Fact]
    public void ValidateCalendar_OtherFieldName_PrefixesEveryProblem() =>
        Assert.Equal(
            ["override.timeZoneId", "override.hours"],
            SlaPolicyRules.ValidateCalendar(new SlaCalendar { TimeZoneId = " ", Hours = [] }, "override").Select(p => p.Field));
}
