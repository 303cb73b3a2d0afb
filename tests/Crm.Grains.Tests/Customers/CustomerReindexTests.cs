using Azure.Data.Tables;
using Crm.Contracts.Customers;
using Crm.Storage.AzureTables;

namespace Crm.Grains.Tests.Customers;

/// <summary>The backfill's step: a customer whose name rows are missing (stored before the index) is findable after it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerReindexTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ReindexAsync_WritesTheMissingNameRows_AndRepeatingItChangesNothing()
    {
        var tenant = CustomerBuilder.NewTenant();
        var key = CustomerBuilder.NewKey(tenant);
        var customer = fixture.Client.GetGrain<ICustomerGrain>(key);
        var created = await customer.CreateAsync(CustomerBuilder.Profile("Shangguan Wan'er"), "setup");
        var table = fixture.Tables.GetTableClient(CrmTables.SearchIndex);
        // As if stored before the index existed: none of its rows.
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {created.CustomerId}")))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var search = fixture.Client.GetGrain<ICustomerSearchGrain>(tenant);
        Assert.Empty((await search.SearchAsync("shangguan", 20, null)).Items);

        await customer.ReindexAsync();
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {created.CustomerId}")).CountAsync();
        await customer.ReindexAsync();

        Assert.Equal(created.CustomerId, Assert.Single((await search.SearchAsync("shangguan", 20, null)).Items).Customer.CustomerId);
        Assert.Equal(rows, await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {created.CustomerId}")).CountAsync());
    }
}
