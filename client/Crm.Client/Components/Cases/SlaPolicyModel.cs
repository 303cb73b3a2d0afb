using System.Globalization;
using Crm.Contracts.ServiceDesk;

namespace Crm.Client.Components.Cases;

/// <summary>The SLA policy form's fields as people type them (hours and minutes, "09:00", dates); parsing reports per field.</summary>
internal sealed class SlaPolicyModel
{
    public int FirstResponseHours { get; set; }
    public int FirstResponseMinutes { get; set; }
    public int ResolutionHours { get; set; }
    public int ResolutionMinutes { get; set; }
    public int MajorResolutionHours { get; set; }
    public int MajorResolutionMinutes { get; set; }
    public int WarningPercent { get; set; } = 75;
    public string TimeZoneId { get; set; } = "UTC";
    public bool AroundTheClock { get; set; } = true;
    public string WeekdayStart { get; set; } = "09:00";
    public string WeekdayEnd { get; set; } = "18:00";
    public string Holidays { get; set; } = "";

    public static SlaPolicyModel From(SlaPolicyView p)
    {
        var weekday = p.Calendar.Hours.FirstOrDefault();
        return new()
        {
            FirstResponseHours = (int)p.FirstResponse.TotalHours,
            FirstResponseMinutes = p.FirstResponse.Minutes,
            ResolutionHours = (int)p.Resolution.TotalHours,
            ResolutionMinutes = p.Resolution.Minutes,
            MajorResolutionHours = (int)p.MajorResolution.TotalHours,
            MajorResolutionMinutes = p.MajorResolution.Minutes,
            WarningPercent = (int)Math.Round(p.WarningShare * 100),
            TimeZoneId = p.Calendar.TimeZoneId,
            AroundTheClock = p.Calendar.Hours.IsDefaultOrEmpty,
            WeekdayStart = weekday is null ? "09:00" : Clock(weekday.Start),
            WeekdayEnd = weekday is null ? "18:00" : Clock(weekday.End),
            Holidays = string.Join(", ", p.Calendar.Holidays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>The input to save, or the fields that could not be read (the grain checks the rest).</summary>
    public SlaPolicyInput? ToInput(FieldErrors errors)
    {
        var start = ParseClock(WeekdayStart, "calendar.hours.start", errors);
        var end = ParseClock(WeekdayEnd, "calendar.hours.end", errors);
        var holidays = new List<DateOnly>();
        foreach (var part in Holidays.Split([',', ';', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                errors.Add("calendar.holidays", $"'{part}' is not a date like 2026-10-01.");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        ImmutableArray<WorkingHours> hours = AroundTheClock
            ? []
            : [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => new WorkingHours(d, start, end))];
        return new SlaPolicyInput(
            new TimeSpan(FirstResponseHours, FirstResponseMinutes, 0),
            new TimeSpan(ResolutionHours, ResolutionMinutes, 0),
            new TimeSpan(MajorResolutionHours, MajorResolutionMinutes, 0),
            WarningPercent / 100.0,
            new SlaCalendarView(TimeZoneId.Trim(), hours, [.. holidays]));
    }

    public static string Clock(TimeSpan at) => at >= TimeSpan.FromDays(1) ? "24:00" : at.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static TimeSpan ParseClock(string text, string field, FieldErrors errors)
    {
        var value = text.Trim();
        if (value == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        if (TimeSpan.TryParseExact(value, @"h\:mm", CultureInfo.InvariantCulture, out var at) && at < TimeSpan.FromDays(1))
        {
            return at;
        }

        errors.Add(field, "A time like 09:00 (24:00 for midnight at the end).");
        return TimeSpan.Zero;
    }
}
