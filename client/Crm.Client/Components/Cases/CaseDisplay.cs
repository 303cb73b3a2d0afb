using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using MudBlazor;

namespace Crm.Client.Components.Cases;

/// <summary>How case facts read and look in the UI: labels, colours and the SLA countdown text, in one place.</summary>
internal static class CaseDisplay
{
    /// <summary>Under this much time left a running deadline turns amber, whatever the policy's warning share.</summary>
    public static readonly TimeSpan AmberBelow = TimeSpan.FromMinutes(30);

    public static string Kind(CaseKind kind, AfterSalesType? type = null) => kind switch
    {
        CaseKind.AfterSales when type is { } t => $"After-sales · {t}",
        CaseKind.AfterSales => "After-sales",
        _ => kind.ToString(),
    };

    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.InProgress => "In progress",
        CaseStatus.WaitingOnCustomer => "Waiting on customer",
        _ => status.ToString(),
    };

    public static Color StatusColor(CaseStatus status) => status switch
    {
        CaseStatus.New or CaseStatus.Reopened => Color.Info,
        CaseStatus.Acknowledged or CaseStatus.InProgress => Color.Primary,
        CaseStatus.WaitingOnCustomer => Color.Default,
        CaseStatus.Resolved or CaseStatus.Closed => Color.Success,
        _ => Color.Default,
    };

    public static Color SeverityColor(CaseSeverity severity) => severity == CaseSeverity.Major ? Color.Error : Color.Default;

    public static string Target(SlaTarget target) => target == SlaTarget.FirstResponse ? "First response" : "Resolution";

    /// <summary>The button label of an action: a verb, where CaseLifecycle.Describe ends "a case can be ...".</summary>
    public static string Verb(CaseAction action) => action switch
    {
        CaseAction.Acknowledge => "Acknowledge",
        CaseAction.StartWork => "Start work",
        CaseAction.WaitOnCustomer => "Wait on customer",
        CaseAction.CustomerReplied => "Customer replied",
        CaseAction.Resolve => "Resolve",
        CaseAction.Close => "Close",
        CaseAction.Reopen => "Reopen",
        _ => CaseLifecycle.Describe(action),
    };

    /// <summary>One line per history entry; texts (replies, notes, comments) are shown beside it.</summary>
    public static string Summary(CaseEvent e) => e.Type switch
    {
        CaseEventType.Opened => "Case opened",
        CaseEventType.Replied => "Reply to the customer",
        CaseEventType.NoteAdded => "Internal note",
        CaseEventType.StatusChanged => $"Status {(e.From is { } f ? Status(f) : "?")} → {(e.To is { } t ? Status(t) : "?")}",
        CaseEventType.Assigned => $"Assigned to {e.Assignee}",
        CaseEventType.Unassigned => "Unassigned",
        CaseEventType.Escalated => "Escalated",
        CaseEventType.SlaWarning => $"SLA warning: {Target(e.Target ?? SlaTarget.Resolution).ToLowerInvariant()} deadline is near",
        CaseEventType.SlaBreached => $"SLA breached: {Target(e.Target ?? SlaTarget.Resolution).ToLowerInvariant()} deadline passed",
        CaseEventType.CustomerMessage => "The customer wrote",
        CaseEventType.MergedInto => $"Merged into {e.RelatedCaseId}",
        CaseEventType.MergedFrom => $"Case {e.RelatedCaseId} merged into this one",
        _ => "Changed",
    };

    public static string Icon(CaseEventType type) => type switch
    {
        CaseEventType.Opened => Icons.Material.Filled.FiberNew,
        CaseEventType.Replied => Icons.Material.Filled.Reply,
        CaseEventType.NoteAdded => Icons.Material.Filled.Lock,
        CaseEventType.StatusChanged => Icons.Material.Filled.SwapHoriz,
        CaseEventType.Assigned or CaseEventType.Unassigned => Icons.Material.Filled.Person,
        CaseEventType.Escalated => Icons.Material.Filled.PriorityHigh,
        CaseEventType.SlaWarning => Icons.Material.Filled.Timer,
        CaseEventType.SlaBreached => Icons.Material.Filled.TimerOff,
        CaseEventType.CustomerMessage => Icons.Material.Filled.MarkEmailUnread,
        _ => Icons.Material.Filled.MergeType,
    };

    public static Color EventColor(CaseEventType type) => type switch
    {
        CaseEventType.SlaBreached => Color.Error,
        CaseEventType.SlaWarning or CaseEventType.Escalated => Color.Warning,
        CaseEventType.NoteAdded => Color.Secondary,
        CaseEventType.Replied => Color.Primary,
        _ => Color.Default,
    };

    /// <summary>A target or period: "2h", "3h 15m", "1d 4h".</summary>
    public static string Duration(TimeSpan span)
    {
        var s = span.Duration();
        var parts = new List<string>();
        if (s.Days > 0)
        {
            parts.Add($"{s.Days}d");
        }

        if (s.Hours > 0)
        {
            parts.Add($"{s.Hours}h");
        }

        if (s.Minutes > 0 || parts.Count == 0)
        {
            parts.Add($"{s.Minutes}m");
        }

        return string.Join(" ", parts);
    }

    /// <summary>Time left on a live countdown, to the second so agents see it move: "1h 05m 09s", "4m 09s", "2d 3h 04m".</summary>
    public static string Countdown(TimeSpan span)
    {
        var s = span.Duration();
        return s.TotalDays >= 1 ? $"{(int)s.TotalDays}d {s.Hours}h {s.Minutes:00}m"
            : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h {s.Minutes:00}m {s.Seconds:00}s"
            : $"{s.Minutes}m {s.Seconds:00}s";
    }

    /// <summary>"overdue 12m": minutes are precise enough once the deadline has passed.</summary>
    public static string Overdue(TimeSpan late)
    {
        var s = late.Duration();
        return "overdue " + (s.TotalDays >= 1 ? $"{(int)s.TotalDays}d {s.Hours}h"
            : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h {s.Minutes:00}m"
            : $"{Math.Max(1, (int)Math.Ceiling(s.TotalMinutes))}m");
    }

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm");
}
