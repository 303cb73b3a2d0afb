namespace Crm.Storage.AzureTables;

/// <summary>Every blob container the product owns, in one place (as <see cref="CrmTables"/> for tables).</summary>
public static class CrmBlobContainers
{
    /// <summary>Every product container's name starts with this prefix, so the backup can find them all.</summary>
    public const string Prefix = "crm-";

    /// <summary>Finished reports: <c>{tenant}/{period}/report.html</c>, <c>…/report.pdf</c>, <c>…/tables/{table}.csv</c>.</summary>
    public const string Reports = "crm-reports";

    /// <summary>Scoring models: <c>{tenant}/{kind}/v{n}.zip</c>, <c>…/v{n}.json</c> (manifest), <c>…/active.json</c>.</summary>
    public const string Models = "crm-models";
}
