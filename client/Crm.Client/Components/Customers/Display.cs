using Crm.Contracts.Customers;
using MudBlazor;

namespace Crm.Client.Components.Customers;

/// <summary>How customer facts are shown: colours and icons in one place.</summary>
internal static class Display
{
    public static Color TierColor(CustomerTier tier) => tier switch
    {
        CustomerTier.Vip => Color.Error,
        CustomerTier.Gold => Color.Warning,
        CustomerTier.Silver => Color.Info,
        _ => Color.Default,
    };

    public static string KindIcon(ArchiveEntryKind kind) => kind switch
    {
        ArchiveEntryKind.CustomerCreated => Icons.Material.Filled.PersonAdd,
        ArchiveEntryKind.ProfileUpdated => Icons.Material.Filled.Edit,
        ArchiveEntryKind.Note => Icons.Material.Filled.StickyNote2,
        ArchiveEntryKind.Complaint => Icons.Material.Filled.ReportProblem,
        ArchiveEntryKind.Survey => Icons.Material.Filled.Poll,
        _ => Icons.Material.Filled.Chat,
    };

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm");
}
