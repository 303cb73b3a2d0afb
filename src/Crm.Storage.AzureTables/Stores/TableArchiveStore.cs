using System.Globalization;
using Azure.Data.Tables;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The service archive: one partition per customer, so a customer's history is one range read and can later be
/// erased as a whole. RowKeys invert the sequence so that ascending key order is newest first. Summary and detail
/// are free text that often holds personal data, so they are encrypted; kind, time and actor stay plain for reports.
/// </summary>
public sealed class TableArchiveStore(TableServiceClient service, PersonalDataProtector protector) : ICustomerArchiveStore
{
    private readonly TableClient _table = service.GetTableClient(CrmTables.ArchiveEntries);

    public async Task PutAsync(string tenantId, string customerId, ArchiveEntry entry, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(ToRow(PartitionKey(tenantId, customerId), entry), TableUpdateMode.Replace, cancellationToken);

    public async Task RedactAllAsync(string tenantId, string customerId, string redactedSummary, CancellationToken cancellationToken = default)
    {
        var pk = PartitionKey(tenantId, customerId);
        var rows = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), cancellationToken: cancellationToken)
            .Select(FromRow)
            .Where(entry => entry.Kind != ArchiveEntryKind.PersonalDataErased)
            .Select(entry => ToRow(pk, entry with { Summary = redactedSummary, Detail = null }));
        await PartitionBatches.UpsertAsync(_table, rows, cancellationToken);
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
            result.Add(FromRow(row));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    private TableEntity ToRow(string partitionKey, ArchiveEntry entry) => new(partitionKey, RowKey(entry.Sequence))
    {
        ["Sequence"] = entry.Sequence,
        ["At"] = entry.At,
        ["Kind"] = (int)entry.Kind,
        ["Summary"] = protector.ProtectString(entry.Summary),
        ["Actor"] = entry.Actor,
        ["ReferenceId"] = entry.ReferenceId,
        ["Detail"] = protector.ProtectString(entry.Detail),
    };

    private ArchiveEntry FromRow(TableEntity row) => new(
        row.GetInt64("Sequence") ?? 0,
        row.GetDateTimeOffset("At") ?? default,
        (ArchiveEntryKind)(row.GetInt32("Kind") ?? 0),
        protector.UnprotectString(row.GetString("Summary")) ?? "",
        row.GetString("Actor") ?? "",
        row.GetString("ReferenceId"),
        protector.UnprotectString(row.GetString("Detail")));

    private static string PartitionKey(string tenantId, string customerId) =>
        TableKey.Escape(tenantId) + "|" + TableKey.Escape(customerId);

    private static string RowKey(long sequence) =>
        (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);
}
