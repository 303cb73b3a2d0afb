using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class CustomerDirectoryGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ListAsync_PagesThroughOneTenantOnly()
    {
        var tenant = CustomerBuilder.NewTenant();
        var other = CustomerBuilder.NewTenant();
        for (var i = 0; i < 5; i++)
        {
            await fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey(tenant)).CreateAsync(CustomerBuilder.Profile($"Customer {i}"), "a");
        }

        await fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey(other)).CreateAsync(CustomerBuilder.Profile("Elsewhere"), "a");
        var directory = fixture.Client.GetGrain<ICustomerDirectoryGrain>(tenant);

        var first = await directory.ListAsync(3, null);
        var second = await directory.ListAsync(3, first.ContinuationToken);

        Assert.Equal(3, first.Items.Length);
        Assert.Equal(2, second.Items.Length);
        Assert.Null(second.ContinuationToken);
        var names = first.Items.Concat(second.Items).Select(s => s.DisplayName).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Customer {i}"), names);
        Assert.All(first.Items.Concat(second.Items), s => Assert.Equal(tenant, s.TenantId));
    }

    [Fact]
    public async Task ListAsync_ReflectsProfileUpdates()
    {
        var tenant = CustomerBuilder.NewTenant();
        var key = CustomerBuilder.NewKey(tenant);
        await fixture.Client.GetGrain<ICustomerGrain>(key).CreateAsync(CustomerBuilder.Profile("Before"), "a");

        await fixture.Client.GetGrain<ICustomerGrain>(key).UpdateProfileAsync(CustomerBuilder.Profile("After") with { Tier = CustomerTier.Vip }, null, "a");

        var row = Assert.Single((await fixture.Client.GetGrain<ICustomerDirectoryGrain>(tenant).ListAsync(10, null)).Items);
        Assert.Equal("After", row.DisplayName);
        Assert.Equal(CustomerTier.Vip, row.Tier);
        Assert.Equal("li.wei@example.com", row.PreferredContact);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, "a/b")]
    public async Task ListAsync_BadPagingInput_IsRefused(int pageSize, string? token) =>
        await Assert.ThrowsAsync<ValidationFailedException>(
            () => fixture.Client.GetGrain<ICustomerDirectoryGrain>(CustomerBuilder.NewTenant()).ListAsync(pageSize, token));
}
