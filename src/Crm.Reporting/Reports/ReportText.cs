using System.Globalization;
using System.Resources;
using Crm.Domain.Cases;
using Crm.Domain.Reports;

namespace Crm.Reporting.Reports;

/// <summary>The report's words in one language (Resources/ReportText.resx, zh-CN beside it), and its number formats.</summary>
public sealed class ReportText(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("Crm.Reporting.Resources.ReportText", typeof(ReportText).Assembly);

    public CultureInfo Culture { get; } = culture;

    public string this[string key] => Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"No report text '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public string Target(ContractTarget target) => this["Target" + target];

    public string Kind(CaseKind kind) => this["Kind" + kind];

    public string Severity(CaseSeverity severity) => this["Severity" + severity];

    public string Channel(CaseChannel channel) => this["Channel" + channel];

    public string Status(CaseStatus status) => this["Status" + status];

    public string Period(ReportPeriod period) => period.Kind switch
    {
        ReportPeriodKind.Day => Format("PeriodDay", period.Start.ToDateTime(TimeOnly.MinValue)),
        ReportPeriodKind.Week => Format(
            "PeriodWeek",
            ISOWeek.GetYear(period.Start.ToDateTime(TimeOnly.MinValue)),
            ISOWeek.GetWeekOfYear(period.Start.ToDateTime(TimeOnly.MinValue)),
            period.Start.ToDateTime(TimeOnly.MinValue),
            period.End.AddDays(-1).ToDateTime(TimeOnly.MinValue)),
        ReportPeriodKind.Month => Format("PeriodMonth", period.Start.ToDateTime(TimeOnly.MinValue)),
        _ => Format("PeriodQuarter", period.Start.Year, ((period.Start.Month - 1) / 3) + 1),
    };

    public string LocalTime(DateTimeOffset at, TimeZoneInfo zone) => Format("LocalTime", TimeZoneInfo.ConvertTime(at, zone), zone.Id);

    /// <summary>"1 h 30 min" style: whole hours and minutes, days from a week up.</summary>
    public string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return this["NotAvailable"];
        }

        if (d >= TimeSpan.FromDays(7))
        {
            return Format("Days", Math.Round(d.TotalDays, 1).ToString("0.#", Culture));
        }

        if (d >= TimeSpan.FromHours(1))
        {
            return Format("Hours", Math.Round(d.TotalHours, 1).ToString("0.#", Culture));
        }

        return Format("Minutes", Math.Round(d.TotalMinutes, 1).ToString("0.#", Culture));
    }

    public string Share(double? share) => share is { } s ? (s * 100).ToString("0.0", Culture) + "%" : this["NotAvailable"];

    public string Number(long value) => value.ToString("N0", Culture);

    public string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, Culture) : this["NotAvailable"];

    /// <summary>Change against the previous value in percent, signed; n/a from zero.</summary>
    public string Change(long current, long previous) =>
        previous == 0 ? this["NotAvailable"] : ((current - previous) * 100.0 / previous).ToString("+0.0;-0.0;0.0", Culture) + "%";
}
