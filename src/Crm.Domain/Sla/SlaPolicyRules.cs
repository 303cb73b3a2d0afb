using Crm.Domain.Common;

namespace Crm.Domain.Sla;

/// <summary>What an SLA policy must satisfy before it is saved; a calendar that passes always has open time.</summary>
public static class SlaPolicyRules
{
    public static readonly TimeSpan MaxTarget = TimeSpan.FromDays(90);
    public const int MaxSpansPerDay = 4;
    public const int MaxHolidays = 1000;

    /// <summary>IANA time zone ids are at most about 30 characters; a longer text cannot name one.</summary>
    public const int MaxTimeZoneIdLength = 64;

    public static IReadOnlyList<FieldProblem> Validate(SlaPolicy policy)
    {
        var problems = new List<FieldProblem>();
        if (policy.Version < 1)
        {
            problems.Add(new("version", "Must be 1 or more."));
        }

        CheckTarget("firstResponse", policy.FirstResponse, problems);
        CheckTarget("resolution", policy.Resolution, problems);
        CheckTarget("majorResolution", policy.MajorResolution, problems);

        // Written as a negation so that NaN is refused too.
        if (!(policy.WarningShare > 0 && policy.WarningShare < 1))
        {
            problems.Add(new("warningShare", "Must be between 0 and 1, both excluded (e.g. 0.75)."));
        }

        if (policy.Calendar is null)
        {
            problems.Add(new("calendar", "A calendar is required."));
        }
        else
        {
            problems.AddRange(ValidateCalendar(policy.Calendar, "calendar"));
        }

        return problems;
    }

    public static IReadOnlyList<FieldProblem> ValidateCalendar(SlaCalendar calendar, string field = "calendar")
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(calendar.TimeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZoneId, out _))
        {
            problems.Add(new($"{field}.timeZoneId", $"Unknown time zone '{calendar.TimeZoneId}'; use an IANA id such as \"Asia/Shanghai\"."));
        }

        if (calendar.Holidays is null)
        {
            problems.Add(new($"{field}.holidays", "A list is required (it may be empty)."));
        }
        else if (calendar.Holidays.Count > MaxHolidays)
        {
            problems.Add(new($"{field}.holidays", $"At most {MaxHolidays} holidays."));
        }

        if (calendar.Hours is not { } hours)
        {
            if (calendar.Holidays is { Count: > 0 })
            {
                // An always-open calendar is plain arithmetic; silently ignoring holidays would surprise the tenant.
                problems.Add(new($"{field}.holidays", "Holidays need business hours; for 7x24 with holidays use 00:00-24:00 on every day."));
            }

            return problems;
        }

        if (hours.Count == 0)
        {
            problems.Add(new($"{field}.hours", "Business hours need at least one span; leave hours out for 7x24."));
        }

        for (var i = 0; i < hours.Count; i++)
        {
            var span = hours[i];
            var at = $"{field}.hours[{i}]";
            if (span is null)
            {
                problems.Add(new(at, "A span is required."));
            }
            else if (!Enum.IsDefined(span.Day))
            {
                problems.Add(new($"{at}.day", "Unknown weekday."));
            }
            else if (span.Start < TimeSpan.Zero || span.End > TimeSpan.FromDays(1) || span.Start >= span.End)
            {
                problems.Add(new(at, "Start must be before end, both within 00:00-24:00."));
            }
            else if (hours.Take(i).FirstOrDefault(o => o is not null && o.Day == span.Day && o.Start < span.End && span.Start < o.End) is { } other)
            {
                problems.Add(new(at, $"Overlaps {other.Start:hh\\:mm}-{other.End:hh\\:mm} on {span.Day}."));
            }
        }

        foreach (var day in hours.Where(s => s is not null).GroupBy(s => s.Day).Where(g => g.Count() > MaxSpansPerDay))
        {
            problems.Add(new($"{field}.hours", $"At most {MaxSpansPerDay} spans on {day.Key}."));
        }

        return problems;
    }

    private static void CheckTarget(string field, TimeSpan target, List<FieldProblem> problems)
    {
        if (target <= TimeSpan.Zero || target > MaxTarget)
        {
            problems.Add(new(field, $"Must be more than zero and at most {MaxTarget.TotalDays:0} days."));
        }
    }
}
