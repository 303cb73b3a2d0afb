using Azure.Data.Tables;
using Crm.Contracts.Customers;
using Crm.Grains.Customers;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The exact-match index: PartitionKey = tenant + "|" + HMAC(kind + ":" + normalised value), RowKey = customer id,
/// no other properties. A lookup is one partition read; the table never holds a value in plaintext.
/// </summary>
public sealed class TableCustomerLookupStore(TableServiceClient service, LookupHasher hasher) : ICustomerLookupStore
{
    private readonly TableClient _table = service.GetTableClient(CrmTables.CustomerLookup);

    public async Task AddAsync(string tenantId, string customerId, IReadOnlyCollection<ContactChannel> channels, CancellationToken cancellationToken = default)
    {
        foreach (var channel in channels)
        {
            await _table.UpsertEntityAsync(
                new TableEntity(PartitionKey(tenantId, channel), TableKey.Escape(customerId)), TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task RemoveAsync(string tenantId, string customerId, IReadOnlyCollection<ContactChannel> channels, CancellationToken cancellationToken = default)
    {
        foreach (var channel in channels)
        {
            // A missing row is what removal wants; the SDK reports it as a 404 response, not an exception.
            await _table.DeleteEntityAsync(PartitionKey(tenantId, channel), TableKey.Escape(customerId), cancellationToken: cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> FindAsync(string tenantId, ContactChannel channel, int max, CancellationToken cancellationToken = default) =>
        FindAsync(PartitionKey(tenantId, channel), max, cancellationToken);

    public async Task AddPlatformIdAsync(string tenantId, string customerId, string platformId, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(new TableEntity(PlatformKey(tenantId, platformId), TableKey.Escape(customerId)), TableUpdateMode.Replace, cancellationToken);

    public async Task RemovePlatformIdAsync(string tenantId, string customerId, string platformId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(PlatformKey(tenantId, platformId), TableKey.Escape(customerId), cancellationToken: cancellationToken);

    public Task<IReadOnlyList<string>> FindPlatformIdAsync(string tenantId, string platformId, int max, CancellationToken cancellationToken = default) =>
        FindAsync(PlatformKey(tenantId, platformId), max, cancellationToken);

    private async Task<IReadOnlyList<string>> FindAsync(string pk, int max, CancellationToken cancellationToken)
    {
        var ids = new List<string>(max);
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: max, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(TableKey.Unescape(row.RowKey));
            if (ids.Count == max)
            {
                break;
            }
        }

        return ids;
    }

    // "platform" is no channel kind's name, so a platform id never shares a partition with an email or a phone.
    private string PlatformKey(string tenantId, string platformId) => TableKey.Escape(tenantId) + "|" + hasher.Hash("platform", platformId);

    private string PartitionKey(string tenantId, ContactChannel channel) =>
        TableKey.Escape(tenantId) + "|" + hasher.Hash(channel.Kind.ToString().ToLowerInvariant(), channel.Value);
}
