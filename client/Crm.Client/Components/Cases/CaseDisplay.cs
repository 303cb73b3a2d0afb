using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using MudBlazor;

namespace Crm.Client.Components.Cases;

/// <summary>How case facts look in the UI: colours and icons, in one place (texts: <see cref="CaseTexts"/> and Labels).</summary>
internal static class CaseDisplay
{
    /// <summary>Under this much time left a running deadline turns amber, whatever the policy's warning share.</summary>
    public static readonly TimeSpan AmberBelow = TimeSpan.FromMinutes(30);

    public static Color StatusColor(CaseStatus status) => status switch
    {
        CaseStatus.New or CaseStatus.Reopened => Color.Info,
        CaseStatus.Acknowledged or CaseStatus.InProgress => Color.Primary,
        CaseStatus.WaitingOnCustomer => Color.Default,
        CaseStatus.Resolved or CaseStatus.Closed => Color.Success,
        _ => Color.Default,
    };

    public static Color SeverityColor(CaseSeverity severity) => severity == CaseSeverity.Major ? Color.Error : Color.Default;

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
}
