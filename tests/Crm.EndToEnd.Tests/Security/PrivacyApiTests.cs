using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>Masking by role, the audit trail of reads and changes, and the spreadsheet-safe export, through the front end.</summary>
[Collection(StackCollection.Name)]
public sealed class PrivacyApiTests(CrmStackFixture stack)
{
    private static object Body(string name) => new
    {
        displayName = name,
        channels = new object[]
        {
            new { kind = "Email", value = "zhou.lan@example.com", preferred = true },
            new { kind = "Phone", value = "+86 139 1234 5678" },
        },
    };

    [Fact]
    public async Task GetCustomer_AnalystSeesMaskedAgentSeesPlain()
    {
        var tenant = await stack.NewTenantAsync();
        var created = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", Body("Zhou Lan")));
        var url = $"api/tenants/{tenant.Id}/customers/{created.CustomerId}";

        var plain = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.GetAsync(url));
        var masked = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.As(Role.Analyst).GetAsync(url));
        var listed = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await tenant.As(Role.AccountManager).GetAsync($"api/tenants/{tenant.Id}/customers"));

        Assert.Equal("Zhou Lan", plain.Profile.DisplayName);
        Assert.Equal("zhou.lan@example.com", plain.Profile.Channels[0].Value);
        Assert.Equal("Z*** L**", masked.Profile.DisplayName);
        Assert.DoesNotContain("zhou.lan", masked.Profile.Channels[0].Value);
        Assert.DoesNotContain("12345678", masked.Profile.Channels[1].Value);
        Assert.DoesNotContain("Zhou", Assert.Single(listed.Items).DisplayName);
    }

    [Fact]
    public async Task ReadsAndChanges_AreInTheTenantsAuditLog_WhichOnlyAdminsRead()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Users[Role.Agent].Username;
        var created = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", Body("Audit Me")));
        (await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/customers/{created.CustomerId}")).EnsureSuccessStatusCode();

        var page = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync(
            $"api/tenants/{tenant.Id}/audit?targetType=Customer&targetId={created.CustomerId}"));

        Assert.Contains(page.Entries, e => e.Action == AuditAction.Create && e.Actor == agent);
        Assert.Contains(page.Entries, e => e.Action == AuditAction.Read && e.Actor == tenant.Users[Role.Analyst].Username);
        Assert.All(page.Entries, e => Assert.DoesNotContain("Audit Me", e.Detail ?? ""));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/audit")).StatusCode);
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post })
        {
            var response = await tenant.Admin.SendAsync(new HttpRequestMessage(method, $"api/tenants/{tenant.Id}/audit"));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }

    [Fact]
    public async Task Export_EscapesFormulasAndMasksForAnalysts()
    {
        var tenant = await stack.NewTenantAsync();
        (await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", Body("=HYPERLINK(\"http://evil.example\",\"x\")"))).EnsureSuccessStatusCode();
        (await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", Body("张伟"))).EnsureSuccessStatusCode();

        var lead = await tenant.As(Role.TeamLead).GetAsync($"api/tenants/{tenant.Id}/customers/export.csv");
        var analyst = await (await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/customers/export.csv")).Content.ReadAsStringAsync();
        var leadCsv = await lead.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", lead.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("customerId,displayName", leadCsv.TrimStart('\uFEFF'));
        Assert.Contains("'=HYPERLINK", leadCsv);
        Assert.DoesNotContain("\n=HYPERLINK", leadCsv.Replace("\"", ""));
        Assert.Contains("张伟", leadCsv);
        Assert.Contains("zhou.lan@example.com", leadCsv);
        Assert.DoesNotContain("张伟", analyst);
        Assert.DoesNotContain("zhou.lan@example.com", analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/customers/export.csv")).StatusCode);
    }
}
