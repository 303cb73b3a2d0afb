using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using Crm.Client.Search;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Search;

/// <summary>
/// GET /search, the one search box's door: customers and cases grouped as the caller's role may find them, per tenant,
/// audited as the searches it made; and GET /customers/{c}/cases, a customer's cases open first.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SearchApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task An_agent_finds_a_customer_by_name_and_their_case_by_order_reference_grouped_and_another_tenant_finds_neither()
    {
        var tenant = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var customer = await CreateAsync(tenant, "司马懿", "+86 139 1234 5678");
        var opened = await OpenAsync(tenant, customer.CustomerId, "司马懿的保温杯漏水", "JD-5566-7788");

        var byName = await EventuallyAsync(tenant.Agent, tenant.Id, "司马", r => r.Customers.Length > 0 && r.Cases.Length > 0);
        var byOrder = await EventuallyAsync(tenant.Agent, tenant.Id, "jd-5566", r => r.Cases.Length > 0);

        Assert.Equal((CustomerSearchMode.ByName, true), (byName.CustomersBy, byName.CasesSearched));
        Assert.Equal(customer.CustomerId, Assert.Single(byName.Customers).Customer.CustomerId);
        Assert.Equal(opened.CaseId, Assert.Single(byName.Cases).CaseId);
        Assert.Equal(opened.CaseId, Assert.Single(byOrder.Cases).CaseId);
        var elsewhere = await SearchAsync(other.Agent, other.Id, "司马");
        Assert.Empty(elsewhere.Customers);
        Assert.Empty(elsewhere.Cases);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Agent.GetAsync($"api/tenants/{tenant.Id}/search?q=abc")).StatusCode);
    }

    [Fact]
    public async Task An_analyst_finds_no_name_and_no_case_but_a_customer_by_the_exact_phone_masked()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CreateAsync(tenant, "诸葛瑾", "+86 137 0000 1111");
        var analyst = tenant.As(Role.Analyst);

        var byName = await SearchAsync(analyst, tenant.Id, "诸葛瑾");
        var byPhone = await SearchAsync(analyst, tenant.Id, "137 0000 1111");
        var agentByPhone = await SearchAsync(tenant.Agent, tenant.Id, "13700001111");

        Assert.Equal((CustomerSearchMode.None, false), (byName.CustomersBy, byName.CasesSearched));
        Assert.Empty(byName.Customers);
        Assert.Equal(CustomerSearchMode.ByContact, byPhone.CustomersBy);
        var masked = Assert.Single(byPhone.Customers).Customer;
        Assert.Equal(customer.CustomerId, masked.CustomerId);
        Assert.NotEqual("诸葛瑾", masked.DisplayName);
        Assert.Equal("诸葛瑾", Assert.Single(agentByPhone.Customers).Customer.DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=a")]
    [InlineData("?q=%20%21")]
    [InlineData("?q=abc&pageSize=0")]
    public async Task A_query_no_search_accepts_is_a_400_naming_the_field_for_every_role(string query)
    {
        var tenant = await stack.NewTenantAsync();

        foreach (var role in new[] { Role.Agent, Role.AccountManager })
        {
            var response = await tenant.As(role).GetAsync($"api/tenants/{tenant.Id}/search{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblem>();
            Assert.Contains(query.Contains("pageSize", StringComparison.Ordinal) ? "pageSize" : "q", problem!.Errors.Keys);
        }
    }

    [Fact]
    public async Task One_box_search_is_audited_as_the_searches_it_made_never_with_the_query()
    {
        var tenant = await stack.NewTenantAsync();
        await CreateAsync(tenant, "夏侯惇", "+86 136 2222 3333");

        await SearchAsync(tenant.Agent, tenant.Id, "夏侯");
        var log = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?pageSize=50"));

        var searches = log.Entries.Where(e => e.Action == AuditAction.Search).ToList();
        Assert.Equal(new[] { AuditTargetType.Customer, AuditTargetType.Case }.Order(), searches.Select(e => e.TargetType).Order());
        Assert.DoesNotContain(log.Entries, e => e.Detail?.Contains("夏侯", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_customers_cases_are_listed_open_first_for_case_readers_only()
    {
        var tenant = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var customer = await CreateAsync(tenant, "孙尚香", "+86 135 4444 5555");
        var done = await OpenAsync(tenant, customer.CustomerId, "发票开错了", null);
        await Resolve(tenant, done.CaseId);
        var open = await OpenAsync(tenant, customer.CustomerId, "快递丢件", null);

        ImmutableArray<CaseView> cases = [];
        for (var i = 0; i < 80 && cases.Length < 2; i++)
        {
            await Task.Delay(i == 0 ? 0 : 250);
            cases = await CrmStackFixture.ReadAsync<ImmutableArray<CaseView>>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/customers/{customer.CustomerId}/cases"));
        }

        Assert.Equal([open.CaseId, done.CaseId], cases.Select(c => c.CaseId));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/customers/{customer.CustomerId}/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Agent.GetAsync($"api/tenants/{tenant.Id}/customers/{customer.CustomerId}/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Agent.GetAsync($"api/tenants/{other.Id}/customers/{customer.CustomerId}/cases")).StatusCode);
    }

    private sealed record HttpValidationProblem(Dictionary<string, string[]> Errors);

    private static async Task<CustomerView> CreateAsync(TestTenant tenant, string name, string phone) =>
        await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
            new { displayName = name, channels = new[] { new { kind = "Phone", value = phone, preferred = true } } }));

    private static async Task<CaseView> OpenAsync(TestTenant tenant, string customerId, string subject, string? order) =>
        await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases",
            new { customerId, kind = "Complaint", subject, description = "客户来电反映。", orderReference = order }));

    private async Task Resolve(TestTenant tenant, string caseId)
    {
        var grain = stack.ClientServices.GetRequiredService<IClusterClient>().GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, caseId));
        foreach (var action in new[] { CaseAction.Acknowledge, CaseAction.StartWork, CaseAction.Resolve })
        {
            await grain.ApplyAsync(action, null, tenant.Users[Role.Agent].Username);
        }
    }

    private static async Task<SearchResults> SearchAsync(HttpClient http, string tenantId, string q)
    {
        var response = await http.GetAsync($"api/tenants/{tenantId}/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await CrmStackFixture.ReadAsync<SearchResults>(response);
    }

    // The case index hears of a case as it settles: wait for that state, never for a fixed time.
    private static async Task<SearchResults> EventuallyAsync(HttpClient http, string tenantId, string q, Func<SearchResults, bool> until)
    {
        var results = await SearchAsync(http, tenantId, q);
        for (var i = 0; i < 80 && !until(results); i++)
        {
            await Task.Delay(250);
            results = await SearchAsync(http, tenantId, q);
        }

        return results;
    }
}
