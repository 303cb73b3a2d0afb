using Azure.Data.Tables;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>The tables a backup holds: every table named with <see cref="CrmTables.Prefix"/>, found by listing, not by a fixed list.</summary>
public static class BackupTables
{
    public static async Task<IReadOnlyList<string>> ListAsync(TableServiceClient service, CancellationToken cancellationToken)
    {
        // The range filter lets the service skip other tables; the ordinal check is the rule itself.
        var upper = CrmTables.Prefix[..^1] + (char)(CrmTables.Prefix[^1] + 1);
        var names = new List<string>();
        await foreach (var table in service.QueryAsync(
                           TableServiceClient.CreateQueryFilter($"TableName ge {CrmTables.Prefix} and TableName lt {upper}"),
                           cancellationToken: cancellationToken))
        {
            if (table.Name.StartsWith(CrmTables.Prefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static string DataEntryName(string table) => $"tables/{table}.ndjson";
}
