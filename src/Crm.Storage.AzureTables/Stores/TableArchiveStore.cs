using System.Globalization;
using Azure.Data.Tables;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The service archive: one partition per customer, so a customer's history is one range read and can later be
/// erased as a whole. RowKeys invert the sequence so that ascending key order is newest first.
/// </summary>
public sealed class TableArchiveStore(TableServiceClient service) : ICustomerArchiveStore
{
    private readonly TableClient _table = service.GetTableClient(CrmTables.ArchiveEntries);

    public async Task PutAsync(string tenantId, string customerId, ArchiveEntry entry, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(PartitionKey(tenantId, customerId), RowKey(entry.Sequence))
        {
            ["Sequence"] = entry.Sequence,
            ["At"] = entry.At,
            ["Kind"] = (int)entry.Kind,
            ["Summary"] = entry.Summary,
            ["Actor"] = entry.Actor,
            ["ReferenceId"] = entry.ReferenceId,
            ["Detail"] = entry.Detail,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ArchiveEntry>> ReadAsync(string tenantId, string customerId, long fromSequence, int count, CancellationToken cancellationToken = default)
    {
        var pk = PartitionKey(tenantId, customerId);
        var from = RowKey(fromSequence);
        var result = new List<ArchiveEntry>(count);
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {from}"),
                           maxPerPage: count,
                           cancellationToken: cancellationToken))
        {
            result.Add(new ArchiveEntry(
                row.GetInt64("Sequence") ?? 0,
                row.GetDateTimeOffset("At") ?? default,
                (ArchiveEntryKind)(row.GetInt32("Kind") ?? 0),
                row.GetString("Summary") ?? "",
                row.GetString("Actor") ?? "",
                row.GetString("ReferenceId"),
                row.GetString("Detail")));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    private static string PartitionKey(string tenantId, string customerId) =>
        TableKey.Escape(tenantId) + "|" + TableKey.Escape(customerId);

    private static string RowKey(long sequence) =>
        (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);
}
