using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Customers;

/// <summary>A number typed without '+' belongs to the tenant's default country: stored as E.164, found however it is typed.</summary>
[Collection(StackCollection.Name)]
public sealed class PhoneRegionApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task By_default_a_Chinese_mobile_typed_nationally_is_one_number_with_its_plus_86_form()
    {
        var tenant = await stack.NewTenantAsync();
        var created = await CreateAsync(tenant, "Lin Xiaoyu", "138 0013 8000");

        Assert.Equal("+8613800138000", created.Profile.Channels.Single(c => c.Kind == ContactChannelKind.Phone).Value);
        Assert.Equal(created.CustomerId, Assert.Single(await LookupAsync(tenant, "13800138000")).CustomerId);
        Assert.Equal(created.CustomerId, Assert.Single(await LookupAsync(tenant, "+86 138-0013-8000")).CustomerId);
    }

    [Fact]
    public async Task A_tenant_admin_sets_another_region_and_an_agent_may_not()
    {
        var tenant = await stack.NewTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.PutAsJsonAsync($"api/tenants/{tenant.Id}/phone-region", new { region = "HK" })).StatusCode);
        var refused = await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/phone-region", new { region = "ZZ" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("two-letter country code", await refused.Content.ReadAsStringAsync());

        var set = await CrmStackFixture.ReadAsync<TenantInfo>(await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/phone-region", new { region = "hk" }));
        var created = await CreateAsync(tenant, "Chan Tai Man", "9123 4567");

        Assert.Equal("HK", set.PhoneRegion);
        Assert.Equal("+85291234567", created.Profile.Channels.Single(c => c.Kind == ContactChannelKind.Phone).Value);
        Assert.Equal(created.CustomerId, Assert.Single(await LookupAsync(tenant, "+852 9123 4567")).CustomerId);
    }

    private static async Task<CustomerView> CreateAsync(TestTenant tenant, string name, string phone) =>
        await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
            new { displayName = name, channels = new[] { new { kind = "Phone", value = phone } } }));

    private static async Task<IReadOnlyList<CustomerSummary>> LookupAsync(TestTenant tenant, string phone) =>
        await CrmStackFixture.ReadAsync<List<CustomerSummary>>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers/lookup",
            new { kind = "Phone", value = phone }));
}
