using System.Text.Json;
using Azure.Data.Tables;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// One row per customer, one partition per tenant: a page of the list is one range read in key order, and the
/// continuation token is the last customer id shown, which callers cannot turn into a read of another tenant.
/// Name and preferred contact are encrypted; the list is ordered by customer id, so it does not need them plain.
/// </summary>
public sealed class TableCustomerDirectoryStore(TableServiceClient service, PersonalDataProtector protector) : ICustomerDirectoryStore
{
    private readonly TableClient _table = service.GetTableClient(CrmTables.CustomerDirectory);

    public async Task UpsertAsync(CustomerSummary summary, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(TableKey.Escape(summary.TenantId), TableKey.Escape(summary.CustomerId))
        {
            ["DisplayName"] = protector.ProtectString(summary.DisplayName),
            ["Tier"] = (int)summary.Tier,
            ["Segment"] = summary.Segment,
            ["Tags"] = JsonSerializer.Serialize(summary.Tags.IsDefault ? [] : summary.Tags.ToArray()),
            ["PreferredContact"] = protector.ProtectString(summary.PreferredContact),
            ["UpdatedAt"] = summary.UpdatedAt,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<CustomerSummaryPage> ListAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var pk = TableKey.Escape(tenantId);
        var filter = continuationToken is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {pk}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {TableKey.Escape(continuationToken)}");
        var items = new List<CustomerSummary>(pageSize);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken))
        {
            items.Add(new CustomerSummary(
                tenantId,
                TableKey.Unescape(row.RowKey),
                protector.UnprotectString(row.GetString("DisplayName")) ?? "",
                (CustomerTier)(row.GetInt32("Tier") ?? 0),
                row.GetString("Segment"),
                [.. JsonSerializer.Deserialize<string[]>(row.GetString("Tags") ?? "[]") ?? []],
                protector.UnprotectString(row.GetString("PreferredContact")),
                row.GetDateTimeOffset("UpdatedAt") ?? default));
            if (items.Count == pageSize)
            {
                break;
            }
        }

        return new CustomerSummaryPage([.. items], items.Count == pageSize ? items[^1].CustomerId : null);
    }
}
