using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Contract;

/// <summary>
/// If-Match as HTTP has it, on every endpoint that reads it (customers, service-desk settings): none is a 428, an older
/// ETag a 412 that changes nothing, * replaces any version, a malformed one is a 400 naming the header. Case commands
/// read none and declare neither. Every answer also passes the contract check (the status is declared).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ETagTests(CrmStackFixture stack)
{
    private static object Profile(string name) => new { displayName = name, channels = new[] { new { kind = "Email", value = "etag@example.com" } } };

    private static object Settings(int reopenWindowDays) => new { categories = new[] { "billing" }, reopenWindowDays, assignment = "Manual" };

    [Fact]
    public async Task UpdateCustomer_WithoutIfMatch_Is428AndChangesNothing()
    {
        var (tenant, url) = await CustomerAsync();

        var problem = await ProblemAsync(await PutAsync(tenant.Agent, url, Profile("No Precondition"), null), HttpStatusCode.PreconditionRequired);

        Assert.Contains("If-Match", problem.GetProperty("detail").GetString());
        Assert.Equal("Etag Customer", (await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.GetAsync(url))).Profile.DisplayName);
    }

    [Fact]
    public async Task UpdateCustomer_WithOlderETag_Is412AndKeepsTheNewerProfile()
    {
        var (tenant, url) = await CustomerAsync();
        var first = await PutAsync(tenant.Agent, url, Profile("Second Version"), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        await ProblemAsync(await PutAsync(tenant.Agent, url, Profile("Lost Update"), "\"1\""), HttpStatusCode.PreconditionFailed);

        Assert.Equal("Second Version", (await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.GetAsync(url))).Profile.DisplayName);
    }

    [Fact]
    public async Task UpdateCustomer_WithStar_ReplacesAnyVersion()
    {
        var (tenant, url) = await CustomerAsync();
        (await PutAsync(tenant.Agent, url, Profile("Second Version"), "\"1\"")).EnsureSuccessStatusCode();

        var star = await PutAsync(tenant.Agent, url, Profile("Third Version"), "*");

        Assert.Equal(HttpStatusCode.OK, star.StatusCode);
        Assert.Equal("\"3\"", star.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("W/\"1\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"one\"")]
    public async Task UpdateCustomer_MalformedIfMatch_Is400NamingTheHeader(string ifMatch)
    {
        var (tenant, url) = await CustomerAsync();

        var problem = await ProblemAsync(await PutAsync(tenant.Agent, url, Profile("Malformed"), ifMatch), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("If-Match", out _), problem.ToString());
    }

    [Fact]
    public async Task UpdateSettings_WithoutIfMatch_Is428()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/service-desk/settings";

        await ProblemAsync(await PutAsync(tenant.Admin, url, Settings(9), null), HttpStatusCode.PreconditionRequired);

        Assert.NotEqual(9, (await tenant.Admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("reopenWindowDays").GetInt32());
    }

    [Fact]
    public async Task UpdateSettings_WithOlderETag_Is412AndKeepsTheNewerSettings()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/service-desk/settings";
        var read = (await tenant.Admin.GetAsync(url)).Headers.ETag!.Tag;
        (await PutAsync(tenant.Admin, url, Settings(9), read)).EnsureSuccessStatusCode();

        await ProblemAsync(await PutAsync(tenant.Admin, url, Settings(3), read), HttpStatusCode.PreconditionFailed);

        Assert.Equal(9, (await tenant.Admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("reopenWindowDays").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(tenant.Admin, url, Settings(3), "*")).StatusCode);
    }

    [Fact]
    public async Task CaseCommand_ReadsNoIfMatch_AndTheDocumentSaysSo()
    {
        var (tenant, customerUrl) = await CustomerAsync();
        var customerId = customerUrl[(customerUrl.LastIndexOf('/') + 1)..];
        var opened = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases",
            new { customerId, kind = "Inquiry", subject = "ETag case", description = "No precondition needed." });
        var view = await CrmStackFixture.ReadAsync<CaseView>(opened);

        // An action is checked against the case's state as it is when it runs (409 says why); no version is needed.
        var reply = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{view.CaseId}/replies", new { text = "On its way." });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var document = JsonNode.Parse(await stack.Http.GetStringAsync("openapi/v1.json"))!;
        var responses = document["paths"]!["/api/tenants/{tenantId}/cases/{caseId}/replies"]!["post"]!["responses"]!.AsObject();
        Assert.False(responses.ContainsKey("428"));
        Assert.False(responses.ContainsKey("412"));
        var update = document["paths"]!["/api/tenants/{tenantId}/customers/{customerId}"]!["put"]!;
        Assert.True(update["responses"]!.AsObject().ContainsKey("428"));
        Assert.True(update["responses"]!.AsObject().ContainsKey("412"));
        Assert.True(update["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "If-Match")!["required"]!.GetValue<bool>());
    }

    private async Task<(TestTenant Tenant, string Url)> CustomerAsync()
    {
        var tenant = await stack.NewTenantAsync();
        var created = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", Profile("Etag Customer"));
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var view = await CrmStackFixture.ReadAsync<CustomerView>(created);
        return (tenant, $"api/tenants/{tenant.Id}/customers/{view.CustomerId}");
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
