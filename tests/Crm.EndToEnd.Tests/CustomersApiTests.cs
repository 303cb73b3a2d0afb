using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class CustomersApiTests(CrmStackFixture stack)
{
    private static object ValidBody(string name = "Zhang Min") => new
    {
        displayName = name,
        channels = new[] { new { kind = "Email", value = "Zhang.Min@Example.com", preferred = true }, new { kind = "Phone", value = "+86 139 1234 5678", preferred = false } },
        tier = "Silver",
        segment = "consumer",
        tags = new[] { "new" },
        consent = new { marketing = false, surveys = true },
    };

    [Fact]
    public async Task Customer_CreatedReadAndNoted_SurvivesSiloRestart()
    {
        var (tenant, http) = await AgentAsync();
        var created = await http.PostAsJsonAsync($"api/tenants/{tenant}/customers", ValidBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await CrmStackFixture.ReadAsync<CustomerView>(created);
        Assert.Equal($"/api/tenants/{tenant}/customers/{view.CustomerId}", created.Headers.Location!.OriginalString);
        Assert.Equal("zhang.min@example.com", view.Profile.Channels[0].Value);
        var note = await http.PostAsJsonAsync($"api/tenants/{tenant}/customers/{view.CustomerId}/archive/notes", new { summary = "Asked about order 1001" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);

        await stack.RestartSiloAsync();

        var read = await GetWhenClusterAnswersAsync(http, $"api/tenants/{tenant}/customers/{view.CustomerId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        var after = await CrmStackFixture.ReadAsync<CustomerView>(read);
        Assert.Equal(view.Profile.DisplayName, after.Profile.DisplayName);
        Assert.Equal(view.Profile.Channels.AsEnumerable(), after.Profile.Channels.AsEnumerable());
        Assert.Equal(view.Profile.Tags.AsEnumerable(), after.Profile.Tags.AsEnumerable());
        Assert.Equal(view.Profile.Consent, after.Profile.Consent);
        var archive = await CrmStackFixture.ReadAsync<ArchivePage>(await http.GetAsync($"api/tenants/{tenant}/customers/{view.CustomerId}/archive"));
        Assert.Equal([ArchiveEntryKind.Note, ArchiveEntryKind.CustomerCreated], archive.Entries.Select(e => e.Kind));
        var list = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await http.GetAsync($"api/tenants/{tenant}/customers"));
        Assert.Equal("Zhang Min", Assert.Single(list.Items).DisplayName);
    }

    [Fact]
    public async Task Update_WithStaleETag_Is412AndKeepsTheNewerProfile()
    {
        var (tenant, http) = await AgentAsync();
        var view = await CrmStackFixture.ReadAsync<CustomerView>(await http.PostAsJsonAsync($"api/tenants/{tenant}/customers", ValidBody()));
        var url = $"api/tenants/{tenant}/customers/{view.CustomerId}";
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(http, url, ValidBody("Zhang Min 2"), "\"1\"")).StatusCode);

        var stale = await PutAsync(http, url, ValidBody("Lost Update"), "\"1\"");

        await AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var current = await CrmStackFixture.ReadAsync<CustomerView>(await http.GetAsync(url));
        Assert.Equal("Zhang Min 2", current.Profile.DisplayName);
    }

    [Fact]
    public async Task Create_MissingNameAndBadEmail_Is400NamingEachFieldAndStoresNothing()
    {
        var (tenant, http) = await AgentAsync();
        var body = new { displayName = " ", channels = new[] { new { kind = "Email", value = "not-an-email" } } };

        var response = await http.PostAsJsonAsync($"api/tenants/{tenant}/customers", body);

        var errors = await AssertValidationProblemAsync(response);
        Assert.Contains("displayName", errors);
        Assert.Contains("channels[0].value", errors);
        var list = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await http.GetAsync($"api/tenants/{tenant}/customers"));
        Assert.Empty(list.Items);
    }

    [Theory]
    [InlineData("{\"displayName\": \"A\", \"tier\": \"Platinum\"}", "tier")]
    [InlineData("{\"displayName\": 42}", "displayName")]
    [InlineData("{\"displayName\": \"A\", \"channels\": [{\"kind\": \"Fax\", \"value\": \"1\"}]}", "channels[0].kind")]
    public async Task Create_UnreadableField_Is400NamingTheField(string json, string field)
    {
        var (tenant, http) = await AgentAsync();
        var response = await http.PostAsync($"api/tenants/{tenant}/customers", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Contains(field, await AssertValidationProblemAsync(response));
    }

    [Fact]
    public async Task Create_MalformedJson_Is400Problem()
    {
        var (tenant, http) = await AgentAsync();
        var response = await http.PostAsync($"api/tenants/{tenant}/customers", new StringContent("{\"displayName\": ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("api/tenants/{tenant}/customers/0123456789abcdef0123456789abcdef")]
    [InlineData("api/tenants/{tenant}/customers/0123456789abcdef0123456789abcdef/archive")]
    [InlineData("api/tenants/{tenant}/customers/bad%20id")]
    public async Task Get_UnknownCustomer_Is404Problem(string path)
    {
        var (tenant, http) = await AgentAsync();
        var response = await http.GetAsync(path.Replace("{tenant}", tenant));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("api/tenants/{tenant}/customers?pageSize=0")]
    [InlineData("api/tenants/{tenant}/customers?pageSize=1000")]
    [InlineData("api/tenants/{tenant}/customers?continuationToken=a%2Fb")]
    public async Task List_BadInput_Is400Problem(string path)
    {
        var (tenant, http) = await AgentAsync();
        await AssertProblemAsync(await http.GetAsync(path.Replace("{tenant}", tenant)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_MalformedTenantId_IsForbiddenNotAnError()
    {
        var (_, http) = await AgentAsync();
        await AssertProblemAsync(await http.GetAsync("api/tenants/Not_A_Tenant/customers"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheCustomerEndpoints()
    {
        var document = await stack.Http.GetStringAsync("openapi/v1.json");

        Assert.Contains("/api/tenants/{tenantId}/customers/{customerId}/archive", document);
        Assert.Contains("CreateCustomer", document);
        using var json = JsonDocument.Parse(document);
        var update = json.RootElement.GetProperty("paths").GetProperty("/api/tenants/{tenantId}/customers/{customerId}").GetProperty("put");
        Assert.True(update.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(update.GetProperty("responses").TryGetProperty("400", out _));
        var bearer = json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains("/api/auth/token", document);
    }

    [Fact]
    public async Task HealthEndpoints_ReportLiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await stack.Http.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWhenClusterAnswersAsync(stack.Http, "health/ready")).StatusCode);
    }

    [Fact]
    public async Task CustomersPage_NotSignedIn_ShowsSignInNotCustomers()
    {
        var (tenant, http) = await AgentAsync();
        (await http.PostAsJsonAsync($"api/tenants/{tenant}/customers", ValidBody("Chen <b>Jing</b>"))).EnsureSuccessStatusCode();

        var html = await stack.Http.GetStringAsync($"t/{tenant}/customers");

        // Not signed in: the page is the sign-in form, and the customer's name is nowhere in it.
        Assert.Contains("sign-in-form", html);
        Assert.DoesNotContain("Chen", html);
    }

    private async Task<(string Tenant, HttpClient Http)> AgentAsync()
    {
        var tenant = await stack.NewTenantAsync();
        return (tenant.Id, tenant.Agent);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    /// <summary>After a silo restart the front end reconnects to the gateway within seconds; wait for that, bounded.</summary>
    private static async Task<HttpResponseMessage> GetWhenClusterAnswersAsync(HttpClient http, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await http.GetAsync(url);
            if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(500);
        }
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static async Task<HashSet<string>> AssertValidationProblemAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
    }
}
