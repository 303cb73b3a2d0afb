using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests;

/// <summary>GET /cases/search through the front end: a case found by its order reference, per tenant, for case readers only.</summary>
[Collection(StackCollection.Name)]
public sealed class CaseSearchApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task An_agent_finds_a_case_by_its_order_reference_and_another_tenant_and_an_analyst_do_not()
    {
        var tenant = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "黄蓉", channels = Array.Empty<object>() }));
        var opened = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases",
            new { customerId = customer.CustomerId, kind = "Complaint", subject = "收到的杯子是碎的", description = "外包装完好，杯子碎了。", orderReference = "TB-7788-1234" }));

        CaseSearchPage page = new([], null);
        for (var i = 0; i < 40 && page.Items.Length == 0; i++)
        {
            page = await CrmStackFixture.ReadAsync<CaseSearchPage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/cases/search?q=tb-7788"));
            await Task.Delay(i == 0 ? 0 : 250);
        }

        Assert.Equal(opened.CaseId, Assert.Single(page.Items).CaseId);
        Assert.Empty((await CrmStackFixture.ReadAsync<CaseSearchPage>(await other.Agent.GetAsync($"api/tenants/{other.Id}/cases/search?q=tb-7788"))).Items);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/cases/search?q=tb-7788")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/cases/search?q=t")).StatusCode);
    }
}
