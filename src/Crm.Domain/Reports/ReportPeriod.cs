using System.Globalization;
using System.Text.RegularExpressions;

namespace Crm.Domain.Reports;

/// <summary>
/// One calendar period of local dates: a day, an ISO week, a month or a quarter, from <see cref="Start"/> up to
/// (not including) <see cref="End"/>. Periods are made of whole local days, so every longer period is exactly the
/// union of its days, and a day's aggregate rolls up into the week, month and quarter that contain it.
/// </summary>
public readonly partial record struct ReportPeriod
{
    private ReportPeriod(ReportPeriodKind kind, DateOnly start)
    {
        Kind = kind;
        Start = start;
    }

    public ReportPeriodKind Kind { get; }

    /// <summary>The first local day.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last one.</summary>
    public DateOnly End => Kind switch
    {
        ReportPeriodKind.Day => Start.AddDays(1),
        ReportPeriodKind.Week => Start.AddDays(7),
        ReportPeriodKind.Month => Start.AddMonths(1),
        _ => Start.AddMonths(3),
    };

    public int DayCount => End.DayNumber - Start.DayNumber;

    /// <summary>Every local day of the period, in order.</summary>
    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var d = Start; d < End; d = d.AddDays(1))
            {
                yield return d;
            }
        }
    }

    /// <summary>The period of the given kind that holds <paramref name="day"/>.</summary>
    public static ReportPeriod Containing(ReportPeriodKind kind, DateOnly day) => kind switch
    {
        ReportPeriodKind.Day => new(kind, day),
        ReportPeriodKind.Week => new(kind, day.AddDays(-(((int)day.DayOfWeek + 6) % 7))),
        ReportPeriodKind.Month => new(kind, new DateOnly(day.Year, day.Month, 1)),
        ReportPeriodKind.Quarter => new(kind, new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a report period kind."),
    };

    public static ReportPeriod DayOf(DateOnly day) => Containing(ReportPeriodKind.Day, day);

    public ReportPeriod Previous => Containing(Kind, Start.AddDays(-1));

    public ReportPeriod Next => Containing(Kind, End);

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>The first instant of the period in <paramref name="zone"/>.</summary>
    public DateTimeOffset StartsAt(TimeZoneInfo zone) => ReportClock.StartOfDay(Start, zone);

    /// <summary>The first instant after the period in <paramref name="zone"/>.</summary>
    public DateTimeOffset EndsAt(TimeZoneInfo zone) => ReportClock.StartOfDay(End, zone);

    /// <summary>"2026-12-01", "2026-W49", "2026-12" or "2026-Q4": the id <see cref="TryParse"/> reads back.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        return Kind switch
        {
            ReportPeriodKind.Day => Start.ToString("yyyy-MM-dd", inv),
            ReportPeriodKind.Week => string.Create(inv, $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):D2}"),
            ReportPeriodKind.Month => Start.ToString("yyyy-MM", inv),
            // Stryker disable once Arithmetic : a quarter starts in month 1, 4, 7 or 10, where (m - 1) / 3 and (m + 1) / 3 agree.
            _ => string.Create(inv, $"{Start.Year:D4}-Q{((Start.Month - 1) / 3) + 1}"),
        };
    }

    public static bool TryParse(string? text, out ReportPeriod period)
    {
        period = default;
        if (text is null || text.Length > 10)
        {
            return false;
        }

        var m = PeriodPattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || year > 9998)
        {
            return false;
        }

        if (m.Groups["d"].Success)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }

            period = DayOf(day);
            return true;
        }

        if (m.Groups["w"].Success)
        {
            var week = int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture);
            if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            {
                return false;
            }

            period = new(ReportPeriodKind.Week, DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
            return true;
        }

        if (m.Groups["q"].Success)
        {
            var quarter = m.Groups["q"].Value[0] - '0';
            period = new(ReportPeriodKind.Quarter, new DateOnly(year, ((quarter - 1) * 3) + 1, 1));
            return true;
        }

        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return false;
        }

        period = new(ReportPeriodKind.Month, new DateOnly(year, month, 1));
        return true;
    }

    /// <exception cref="FormatException">Not a period id.</exception>
    public static ReportPeriod Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a period: use 2026-12-01, 2026-W49, 2026-12 or 2026-Q4.");

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?:(?<m>[0-9]{2})(?:-(?<d>[0-9]{2}))?|W(?<w>[0-9]{2})|Q(?<q>[1-4]))\z", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
