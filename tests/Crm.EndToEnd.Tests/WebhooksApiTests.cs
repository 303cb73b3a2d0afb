using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Contracts.ServiceDesk;

namespace Crm.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class WebhooksApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Configure_AsTenantAdmin_AnswersSecretOnceAndStatusShowsOnlyItsHint()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/service-desk/webhook";

        var response = await tenant.Admin.PutAsJsonAsync(url, new { url = "https://hooks.example.com/crm" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "a secret must not be cached");
        var settings = await CrmStackFixture.ReadAsync<WebhookSettingsView>(response);
        Assert.Matches("^[0-9a-f]{64}$", settings.Secret);
        var statusText = await tenant.Admin.GetStringAsync(url);
        Assert.DoesNotContain(settings.Secret!, statusText, StringComparison.Ordinal);
        var status = JsonSerializer.Deserialize<WebhookStatus>(statusText, CrmStackFixture.Json)!;
        Assert.Equal(("https://hooks.example.com/crm", settings.Secret![^4..], 0), (status.Url, status.SecretHint, status.Pending));
        Assert.Equal(tenant.Users[Role.TenantAdmin].Username, status.ChangedBy);

        var rotated = await CrmStackFixture.ReadAsync<WebhookSettingsView>(await tenant.Admin.PostAsync(url + "/rotate-secret", null));
        Assert.NotEqual(settings.Secret, rotated.Secret);
        Assert.Equal(rotated.SecretHint, (await CrmStackFixture.ReadAsync<WebhookStatus>(await tenant.Admin.GetAsync(url))).SecretHint);
    }

    [Fact]
    public async Task Configure_PlainHttpToAnotherHost_Is400NamingUrl()
    {
        var tenant = await stack.NewTenantAsync();

        var response = await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/service-desk/webhook", new { url = "http://hooks.example.com/crm" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("url", out _));
        var status = await CrmStackFixture.ReadAsync<WebhookStatus>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/service-desk/webhook"));
        Assert.Null(status.Url);
    }

    [Fact]
    public async Task Webhook_AsAgent_Is403()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/service-desk/webhook";

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.PutAsJsonAsync(url, new { url = "https://hooks.example.com/crm" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.PostAsync(url + "/rotate-secret", null)).StatusCode);
        Assert.Null((await CrmStackFixture.ReadAsync<WebhookStatus>(await tenant.Admin.GetAsync(url))).Url);
    }
}
