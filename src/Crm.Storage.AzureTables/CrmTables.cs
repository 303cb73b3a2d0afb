namespace Crm.Storage.AzureTables;

/// <summary>Every table the product owns, in one place, so that setup and backup can enumerate them.</summary>
public static class CrmTables
{
    public const string GrainState = "CrmGrainState";
    public const string ArchiveEntries = "CrmArchiveEntries";
    public const string CustomerDirectory = "CrmCustomerDirectory";
    public const string CustomerLookup = "CrmCustomerLookup";

    /// <summary>Tables the stores use (grain state is created by its provider).</summary>
    public static readonly IReadOnlyList<string> StoreTables = [ArchiveEntries, CustomerDirectory, CustomerLookup];
}
