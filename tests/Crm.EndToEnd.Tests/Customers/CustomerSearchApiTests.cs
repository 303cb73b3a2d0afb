using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Customers;

/// <summary>GET /customers/search: names found by part, per tenant only, for those who may see personal data, audited without the query.</summary>
[Collection(StackCollection.Name)]
public sealed class CustomerSearchApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task An_agent_finds_a_Chinese_name_by_two_characters_and_a_Latin_name_by_its_start()
    {
        var tenant = await stack.NewTenantAsync();
        var wang = await CreateAsync(tenant, "王小明");
        var li = await CreateAsync(tenant, "Li Wenjie");

        var chinese = await SearchAsync(tenant.Agent, tenant.Id, "小明");
        var latin = await SearchAsync(tenant.Agent, tenant.Id, "wenj");

        var hit = Assert.Single(chinese.Items);
        Assert.Equal((wang.CustomerId, "王小明", 100), (hit.Customer.CustomerId, hit.Customer.DisplayName, hit.Score));
        Assert.Equal(li.CustomerId, Assert.Single(latin.Items).Customer.CustomerId);
    }

    [Fact]
    public async Task Another_tenant_finds_nothing_and_a_role_without_personal_data_view_is_refused()
    {
        var tenant = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        await CreateAsync(tenant, "欧阳娜娜");

        Assert.Empty((await SearchAsync(other.Agent, other.Id, "欧阳")).Items);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Agent.GetAsync($"api/tenants/{tenant.Id}/customers/search?q=%E6%AC%A7%E9%98%B3")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/customers/search?q=%E6%AC%A7%E9%98%B3")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=a")]
    [InlineData("?q=%20%21%20")]
    public async Task An_empty_or_too_short_query_is_a_400_naming_q(string query)
    {
        var tenant = await stack.NewTenantAsync();

        var response = await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/customers/search{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblem>();
        Assert.Contains("q", problem!.Errors.Keys);
    }

    [Fact]
    public async Task A_too_long_query_is_a_400_and_a_zh_CN_caller_reads_why_in_Chinese()
    {
        var tenant = await stack.NewTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{tenant.Id}/customers/search?q={new string('a', 101)}");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var response = await tenant.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("搜索内容须为 2 到 100 个字符", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_search_is_audited_as_a_search_without_the_query()
    {
        var tenant = await stack.NewTenantAsync();
        await CreateAsync(tenant, "诸葛亮");
        await SearchAsync(tenant.Agent, tenant.Id, "诸葛");

        var log = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?pageSize=50"));

        var entry = Assert.Single(log.Entries, e => e.Action == AuditAction.Search);
        Assert.Equal(AuditTargetType.Customer, entry.TargetType);
        Assert.Equal("by name: 1 found", entry.Detail);
        Assert.DoesNotContain(log.Entries, e => (e.Detail ?? "").Contains("诸葛", StringComparison.Ordinal));
    }

    private static async Task<CustomerView> CreateAsync(TestTenant tenant, string name) =>
        await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
            new { displayName = name, channels = Array.Empty<object>() }));

    private static async Task<CustomerSearchPage> SearchAsync(HttpClient http, string tenantId, string q) =>
        await CrmStackFixture.ReadAsync<CustomerSearchPage>(await http.GetAsync($"api/tenants/{tenantId}/customers/search?q={Uri.EscapeDataString(q)}"));

    private sealed record HttpValidationProblem(Dictionary<string, string[]> Errors);
}
