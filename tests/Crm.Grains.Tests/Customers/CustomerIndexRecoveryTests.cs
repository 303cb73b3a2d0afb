using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

/// <summary>A customer whose directory row failed to write is still saved, and reaches the list without anyone retrying.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerIndexRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Create_DirectoryWriteFailsOnce_CustomerIsSavedAndListedAfterRetry()
    {
        var tenant = CustomerBuilder.NewTenant();
        fixture.Directory.Fail(tenant, 1);

        var view = await fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey(tenant)).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        Assert.Equal(1, view.Version);
        Assert.Empty(await ListAsync(tenant));
        Assert.Single(await WaitListedAsync(tenant, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Activation_AfterIndexWasLost_RepairsTheDirectoryRow()
    {
        var tenant = CustomerBuilder.NewTenant();
        var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey(tenant));
        fixture.Directory.Fail(tenant, int.MaxValue);
        await customer.CreateAsync(CustomerBuilder.Profile(), "agent-1");
        await fixture.Cluster.DeactivateAsync(customer);
        fixture.Directory.Heal(tenant);
        Assert.Empty(await ListAsync(tenant));

        await customer.GetAsync();

        Assert.Single(await ListAsync(tenant));
    }

    private async Task<IReadOnlyList<CustomerSummary>> ListAsync(string tenant) =>
        (await fixture.Client.GetGrain<ICustomerDirectoryGrain>(tenant).ListAsync(10, null)).Items;

    private async Task<IReadOnlyList<CustomerSummary>> WaitListedAsync(string tenant, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var items = await ListAsync(tenant);
            if (items.Count > 0 || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(250);
        }
    }
}
