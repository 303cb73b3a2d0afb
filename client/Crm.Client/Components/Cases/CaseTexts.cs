using Crm.Client.Localization;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Microsoft.Extensions.Localization;

namespace Crm.Client.Components.Cases;

/// <summary>How case facts read, in the page's language: history lines, durations and SLA countdowns.</summary>
public sealed class CaseTexts(IStringLocalizer<CaseTexts> text, Labels labels)
{
    /// <summary>One line per history entry; texts (replies, notes, comments) are shown beside it.</summary>
    public string Summary(CaseEvent e) => e.Type switch
    {
        CaseEventType.StatusChanged => text["StatusChanged", e.From is { } f ? labels.Of(f) : "?", e.To is { } t ? labels.Of(t) : "?"],
        CaseEventType.Assigned => text["AssignedTo", e.Assignee ?? ""],
        CaseEventType.SlaWarning => text["SlaWarning", labels.Of(e.Target ?? SlaTarget.Resolution)],
        CaseEventType.SlaBreached => text["SlaBreached", labels.Of(e.Target ?? SlaTarget.Resolution)],
        CaseEventType.MergedInto => text["MergedInto", e.RelatedCaseId ?? ""],
        CaseEventType.MergedFrom => text["MergedFrom", e.RelatedCaseId ?? ""],
        _ => labels.Of(e.Type),
    };

    /// <summary>A target or period: "2h", "3h 15m", "1d 4h" (2小时, 3小时15分, 1天4小时).</summary>
    public string Duration(TimeSpan span)
    {
        var s = span.Duration();
        var parts = new List<string>();
        if (s.Days > 0)
        {
            parts.Add(text["Days", s.Days]);
        }

        if (s.Hours > 0)
        {
            parts.Add(text["Hours", s.Hours]);
        }

        if (s.Minutes > 0 || parts.Count == 0)
        {
            parts.Add(text["Minutes", s.Minutes]);
        }

        return string.Join(" ", parts);
    }

    /// <summary>Time left on a live countdown, to the second so agents see it move: "1h 05m 09s", "4m 09s", "2d 3h 04m".</summary>
    public string Countdown(TimeSpan span)
    {
        var s = span.Duration();
        return s.TotalDays >= 1 ? text["CountdownDays", (int)s.TotalDays, s.Hours, s.Minutes.ToString("00")]
            : s.TotalHours >= 1 ? text["CountdownHours", (int)s.TotalHours, s.Minutes.ToString("00"), s.Seconds.ToString("00")]
            : text["CountdownMinutes", s.Minutes, s.Seconds.ToString("00")];
    }

    /// <summary>"overdue 12m": minutes are precise enough once the deadline has passed.</summary>
    public string Overdue(TimeSpan late)
    {
        var s = late.Duration();
        var amount = s.TotalDays >= 1 ? text["OverdueDays", (int)s.TotalDays, s.Hours]
            : s.TotalHours >= 1 ? text["OverdueHours", (int)s.TotalHours, s.Minutes.ToString("00")]
            : text["OverdueMinutes", Math.Max(1, (int)Math.Ceiling(s.TotalMinutes))];
        return text["Overdue", amount];
    }

    public string Left(TimeSpan span) => text["Left", Countdown(span)];

    public string Paused => text["Paused"];

    public string Met(string at) => text["Met", at];

    public string MetLate(string at) => text["MetLate", at];
}
