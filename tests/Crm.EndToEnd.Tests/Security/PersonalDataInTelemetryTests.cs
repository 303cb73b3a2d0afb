using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>Whatever a customer's data goes through, none of it shows up in the hosts' logs or in any span.</summary>
[Collection(StackCollection.Name)]
public sealed class PersonalDataInTelemetryTests(CrmStackFixture stack)
{
    [Fact]
    public async Task CustomerLifecycle_LeavesNoPersonalDataInLogsOrTraces()
    {
        var tenant = await stack.NewTenantAsync();
        const string name = "Quillon Zephyrine";
        const string email = "quillon.zephyrine@example.com";
        const string phoneDigits = "13912873465";
        var body = new
        {
            displayName = name,
            channels = new object[] { new { kind = "Email", value = email }, new { kind = "Phone", value = "+86 139 1287 3465" } },
        };

        var created = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", body));
        var url = $"api/tenants/{tenant.Id}/customers/{created.CustomerId}";
        await tenant.Agent.PostAsJsonAsync(url + "/archive/notes", new { summary = $"Called {name} on {phoneDigits}" });
        await tenant.Agent.GetAsync(url);
        await tenant.As(Role.Analyst).GetAsync(url);
        await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers/lookup", new { kind = "Phone", value = phoneDigits });
        await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new { displayName = name, channels = new[] { new { kind = "Email", value = "not an email " + email } } });
        await tenant.Agent.SendAsync(new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new { displayName = name + " Jr", channels = Array.Empty<object>() }),
            Headers = { { "If-Match", "\"1\"" } },
        });
        await tenant.Admin.PostAsync(url + "/erasure", null);

        var leaks = stack.Telemetry.Lines
            .Where(line => line.Contains("Quillon", StringComparison.OrdinalIgnoreCase)
                           || line.Contains("zephyrine", StringComparison.OrdinalIgnoreCase)
                           || line.Contains(phoneDigits, StringComparison.Ordinal)
                           || line.Contains("1287 3465", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(stack.Telemetry.Lines);
        Assert.Contains(stack.Telemetry.Lines, l => l.Contains(created.CustomerId, StringComparison.Ordinal));
        Assert.Empty(leaks);
    }
}
