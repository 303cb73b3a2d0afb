using Azure.Data.Tables;
using Orleans;

namespace Crm.Storage.AzureTables.Reminders;

/// <summary>Options of <see cref="AzureTableReminderTable"/>, bound from <see cref="SectionName"/>.</summary>
/// <remarks>
/// The table client comes, in order of precedence, from <see cref="TableServiceClientFactory"/>, from
/// <see cref="ConnectionString"/>, or from the <see cref="TableServiceClient"/> registered in DI (the usual case).
/// </remarks>
public sealed class AzureTableReminderOptions
{
    public const string SectionName = "Crm:Reminders";

    public const string DefaultTableName = CrmTables.Reminders;

    /// <summary>
    /// The table holding the reminders; created at silo start. 3–63 letters or digits, starting with
    /// <see cref="CrmTables.Prefix"/> so that backups include it.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Overrides the DI client with one built from this connection string.</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>Overrides both the DI client and <see cref="ConnectionString"/>.</summary>
    public Func<IServiceProvider, TableServiceClient>? TableServiceClientFactory { get; set; }
}
