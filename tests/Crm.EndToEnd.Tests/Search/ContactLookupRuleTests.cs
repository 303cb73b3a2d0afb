using System.Net;
using System.Net.Http.Json;
using Crm.Client.Search;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Search;

/// <summary>
/// One rule for finding a customer by exact phone or e-mail, whichever door is used: <c>POST /customers/lookup</c> and
/// the one box (<c>GET /search</c>) both go through <see cref="SearchQueries.CustomersByContactAsync"/>, so for every
/// role they allow or refuse alike and mask alike. A row per door and role.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ContactLookupRuleTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Lookup_and_the_search_box_allow_refuse_and_mask_the_same_for_every_role()
    {
        var tenant = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
            new { displayName = "上官婉儿", channels = new[] { new { kind = "Phone", value = "+86 139 8765 4321", preferred = true } } }));

        var rows = new List<string>();
        var callers = AccessRules.TenantRoles.Select(r => ($"{r}", tenant.As(r), (Role?)r))
            .Append(($"agent of another tenant", other.Agent, null));
        foreach (var (name, http, role) in callers)
        {
            var lookup = await http.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers/lookup", new { kind = "Phone", value = "13987654321" });
            var box = await http.GetAsync($"api/tenants/{tenant.Id}/search?q={Uri.EscapeDataString("139 8765 4321")}");
            var reads = role is { } r && AccessRules.RoleGrants(r, Permission.CustomersRead);
            var sees = role is { } v && AccessRules.RoleGrants(v, Permission.PersonalDataView);
            var expected = !reads ? "refused" : sees ? "上官婉儿" : "masked";
            rows.Add($"{name}: lookup {await Outcome(lookup, customer.CustomerId)}, box {await BoxOutcome(box, customer.CustomerId)}, rule {expected}");
        }

        // Each row: both doors answer as the rule says (refused, the name, or masked).
        Assert.All(rows, row =>
        {
            var rule = row[(row.LastIndexOf("rule ", StringComparison.Ordinal) + 5)..];
            Assert.True(row.Contains($"lookup {rule},", StringComparison.Ordinal) && row.Contains($"box {rule},", StringComparison.Ordinal), row);
        });
    }

    private static async Task<string> Outcome(HttpResponseMessage response, string customerId)
    {
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return "refused";
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Shown(Assert.Single(await CrmStackFixture.ReadAsync<List<CustomerSummary>>(response), c => c.CustomerId == customerId));
    }

    private static async Task<string> BoxOutcome(HttpResponseMessage response, string customerId)
    {
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return "refused";
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await CrmStackFixture.ReadAsync<SearchResults>(response);
        return Shown(Assert.Single(results.Customers, h => h.Customer.CustomerId == customerId).Customer);
    }

    private static string Shown(CustomerSummary customer) => customer.DisplayName == "上官婉儿" ? customer.DisplayName : "masked";
}
