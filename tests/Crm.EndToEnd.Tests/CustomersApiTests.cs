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
        var tenant = CrmStackFixture.NewTenant();
        var created = await stack.Http.PostAsJsonAsync($"api/tenants/{tenant}/customers", ValidBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await CrmStackFixture.ReadAsync<CustomerView>(created);
        Assert.Equal($"/api/tenants/{tenant}/customers/{view.CustomerId}", created.Headers.Location!.OriginalString);
        Assert.Equal("zhang.min@example.com", view.Profile.Channels[0].Value);
        var note = await stack.Http.PostAsJsonAsync($"api/tenants/{tenant}/customers/{view.CustomerId}/archive/notes", new { summary = "Asked about order 1001" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);

        await stack.RestartSiloAsync();

        var read = await GetWhenClusterAnswersAsync($"api/tenants/{tenant}/customers/{view.CustomerId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        var after = await CrmStackFixture.ReadAsync<CustomerView>(read);
        Assert.Equal(view.Profile.DisplayName, after.Profile.DisplayName);
        Assert.Equal(view.Profile.Channels.AsEnumerable(), after.Profile.Channels.AsEnumerable());
        Assert.Equal(view.Profile.Tags.AsEnumerable(), after.Profile.Tags.AsEnumerable());
        Assert.Equal(view.Profile.Consent, after.Profile.Consent);
        var archive = await CrmStackFixture.ReadAsync<ArchivePage>(await stack.Http.GetAsync($"api/tenants/{tenant}/customers/{view.CustomerId}/archive"));
        Assert.Equal([ArchiveEntryKind.Note, ArchiveEntryKind.CustomerCreated], archive.Entries.Select(e => e.Kind));
        var list = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await stack.Http.GetAsync($"api/tenants/{tenant}/customers"));
        Assert.Equal("Zhang Min", Assert.Single(list.Items).DisplayName);
    }

    [Fact]
    public async Task Update_WithStaleETag_Is409AndKeepsTheNewerProfile()
    {
        var tenant = CrmStackFixture.NewTenant();
        var view = await CrmStackFixture.ReadAsync<CustomerView>(await stack.Http.PostAsJsonAsync($"api/tenants/{tenant}/customers", ValidBody()));
        var url = $"api/tenants/{tenant}/customers/{view.CustomerId}";
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(url, ValidBody("Zhang Min 2"), "\"1\"")).StatusCode);

        var stale = await PutAsync(url, ValidBody("Lost Update"), "\"1\"");

        await AssertProblemAsync(stale, HttpStatusCode.Conflict);
        var current = await CrmStackFixture.ReadAsync<CustomerView>(await stack.Http.GetAsync(url));
        Assert.Equal("Zhang Min 2", current.Profile.DisplayName);
    }

    [Fact]
    public async Task Create_MissingNameAndBadEmail_Is400NamingEachFieldAndStoresNothing()
    {
        var tenant = CrmStackFixture.NewTenant();
        var body = new { displayName = " ", channels = new[] { new { kind = "Email", value = "not-an-email" } } };

        var response = await stack.Http.PostAsJsonAsync($"api/tenants/{tenant}/customers", body);

        var errors = await AssertValidationProblemAsync(response);
        Assert.Contains("displayName", errors);
        Assert.Contains("channels[0].value", errors);
        var list = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await stack.Http.GetAsync($"api/tenants/{tenant}/customers"));
        Assert.Empty(list.Items);
    }

    [Theory]
    [InlineData("{\"displayName\": \"A\", \"tier\": \"Platinum\"}", "tier")]
    [InlineData("{\"displayName\": 42}", "displayName")]
    [InlineData("{\"displayName\": \"A\", \"channels\": [{\"kind\": \"Fax\", \"value\": \"1\"}]}", "channels[0].kind")]
    public async Task Create_UnreadableField_Is400NamingTheField(string json, string field)
    {
        var response = await stack.Http.PostAsync($"api/tenants/{CrmStackFixture.NewTenant()}/customers", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Contains(field, await AssertValidationProblemAsync(response));
    }

    [Fact]
    public async Task Create_MalformedJson_Is400Problem()
    {
        var response = await stack.Http.PostAsync($"api/tenants/{CrmStackFixture.NewTenant()}/customers", new StringContent("{\"displayName\": ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("api/tenants/{tenant}/customers/0123456789abcdef0123456789abcdef")]
    [InlineData("api/tenants/{tenant}/customers/0123456789abcdef0123456789abcdef/archive")]
    [InlineData("api/tenants/{tenant}/customers/bad%20id")]
    public async Task Get_UnknownCustomer_Is404Problem(string path)
    {
        var response = await stack.Http.GetAsync(path.Replace("{tenant}", CrmStackFixture.NewTenant()));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("api/tenants/Not_A_Tenant/customers")]
    [InlineData("api/tenants/demo/customers?pageSize=0")]
    [InlineData("api/tenants/demo/customers?pageSize=1000")]
    [InlineData("api/tenants/demo/customers?continuationToken=a%2Fb")]
    public async Task List_BadInput_Is400Problem(string path) =>
        await AssertProblemAsync(await stack.Http.GetAsync(path), HttpStatusCode.BadRequest);

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
    }

    [Fact]
    public async Task HealthEndpoints_ReportLiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await stack.Http.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWhenClusterAnswersAsync("health/ready")).StatusCode);
    }

    [Fact]
    public async Task CustomersPage_RendersTheTenantsCustomers()
    {
        var tenant = CrmStackFixture.NewTenant();
        await stack.Http.PostAsJsonAsync($"api/tenants/{tenant}/customers", ValidBody("Chen <b>Jing</b>"));

        var html = await stack.Http.GetStringAsync($"t/{tenant}/customers");

        Assert.Contains("Chen &lt;b&gt;Jing&lt;/b&gt;", html);
        Assert.DoesNotContain("Chen <b>Jing</b>", html);
    }

    private Task<HttpResponseMessage> PutAsync(string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return stack.Http.SendAsync(request);
    }

    /// <summary>After a silo restart the front end reconnects to the gateway within seconds; wait for that, bounded.</summary>
    private async Task<HttpResponseMessage> GetWhenClusterAnswersAsync(string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await stack.Http.GetAsync(url);
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
