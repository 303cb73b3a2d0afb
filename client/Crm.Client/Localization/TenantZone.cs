using System.Globalization;

namespace Crm.Client.Localization;

/// <summary>
/// A tenant's time zone (the one its SLA calendar runs in), and how a moment reads in it: formatted for the request's
/// culture and labelled with the offset, so "16:34 (UTC+8)" means the same to an agent in any browser.
/// </summary>
public sealed record TenantZone(TimeZoneInfo Zone)
{
    public static readonly TenantZone Utc = new(TimeZoneInfo.Utc);

    /// <summary>The zone for an IANA id; an unknown id falls back to UTC (which the label then says).</summary>
    public static TenantZone For(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? new(zone) : Utc;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"UTC+8", "UTC+5:30", "UTC": the offset in force at that moment (it moves with daylight saving).</summary>
    public string Label(DateTimeOffset at)
    {
        var offset = Zone.GetUtcOffset(at);
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0 ? $"UTC{sign}{abs.Hours}" : $"UTC{sign}{abs.Hours}:{abs.Minutes:00}";
    }

    /// <summary>Date and time for the current culture ("2026/12/1 16:34" in zh-CN, "12/1/2026 4:34 PM" in en), with the zone label.</summary>
    public string Format(DateTimeOffset at, bool withZone = true)
    {
        var text = Local(at).ToString("g", CultureInfo.CurrentCulture);
        return withZone ? $"{text} ({Label(at)})" : text;
    }

    /// <summary>The date alone, for the current culture.</summary>
    public string FormatDate(DateTimeOffset at) => Local(at).ToString("d", CultureInfo.CurrentCulture);
}
