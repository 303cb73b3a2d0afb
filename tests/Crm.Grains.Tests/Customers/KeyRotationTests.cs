using Azure.Data.Tables;
using Crm.Contracts.Customers;
using Crm.Storage.AzureTables;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Grains.Tests.Customers;

/// <summary>After the active key changes (the old one still known), old data reads and new writes use the new key.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyRotationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RestartWithNewActiveKey_OldDataReadsAndNewWritesCarryNewKey()
    {
        var tenant = CustomerBuilder.NewTenant();
        var customerId = Guid.NewGuid().ToString("N");
        var person = DistinctPerson.Create();
        await fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId)).CreateAsync(person.Profile(), "agent-1");
        Assert.Equal("k1", await DirectoryNameKeyIdAsync(tenant, customerId));

        try
        {
            await fixture.RestartClusterAsync(activeKeyId: "k2");
            var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId));

            Assert.Equal(person.Name, (await customer.GetAsync())!.Profile.DisplayName);
            Assert.Equal("Customer created.", Assert.Single((await customer.GetArchiveAsync(10, null)).Entries).Summary);
            await customer.UpdateProfileAsync(person.Profile() with { DisplayName = person.Name + " Jr" }, null, "agent-1");
            Assert.Equal("k2", await DirectoryNameKeyIdAsync(tenant, customerId));
            Assert.Equal(customerId, Assert.Single(await fixture.Client.GetGrain<ICustomerLookupGrain>(tenant).FindAsync(ContactChannelKind.Email, person.Email)).CustomerId);
        }
        finally
        {
            await fixture.RestartClusterAsync(activeKeyId: "k1");
        }

        // Written under k2, read with k1 active again: both stay known.
        var reread = await fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId)).GetAsync();
        Assert.Equal(person.Name + " Jr", reread!.Profile.DisplayName);
    }

    private async Task<string> DirectoryNameKeyIdAsync(string tenant, string customerId)
    {
        var row = await fixture.Tables.GetTableClient(CrmTables.CustomerDirectory).GetEntityAsync<TableEntity>(TableKey.Escape(tenant), TableKey.Escape(customerId));
        return PersonalDataProtector.KeyIdOf(row.Value.GetString("DisplayName")!);
    }
}
