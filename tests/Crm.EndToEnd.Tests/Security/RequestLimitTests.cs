using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Client.Infrastructure;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>Oversize and overdeep bodies are refused with problem details before anything is stored.</summary>
[Collection(StackCollection.Name)]
public sealed class RequestLimitTests(CrmStackFixture stack)
{
    private const int OneMiB = 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateCustomer_OneMiBBody_Gets413ProblemAndStoresNothing(bool declaresLength)
    {
        var tenant = await stack.NewTenantAsync();
        var body = Encoding.UTF8.GetBytes($"{{\"displayName\":\"Big\",\"segment\":\"{new string('s', OneMiB)}\"}}");
        // Without a declared length the body arrives chunked, and the limit applies while it is read.
        HttpContent content = declaresLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new("application/json");

        using var response = await tenant.Admin.PostAsync($"api/tenants/{tenant.Id}/customers", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Empty(await CustomersAsync(tenant));
    }

    [Fact]
    public async Task CreateCustomer_JustUnderTheLimitWithLongDisplayName_Gets400NamingDisplayName()
    {
        var tenant = await stack.NewTenantAsync();
        var json = $"{{\"displayName\":\"{new string('n', 10_000)}\",\"channels\":[]}}";
        // Padded with whitespace, which JSON allows anywhere between tokens, to just under the limit.
        var body = json[..^1] + new string(' ', (int)CrmApiOptions.DefaultMaxRequestBodyBytes - json.Length - 16) + "}";

        using var response = await tenant.Admin.PostAsync($"api/tenants/{tenant.Id}/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("displayName", out _), problem.ToString());
        Assert.Empty(await CustomersAsync(tenant));
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"displayName\":\"Deep\",\"channels\":[", "]}")]
    public async Task CreateCustomer_ThousandDeepNesting_Gets400(string prefix, string suffix)
    {
        var tenant = await stack.NewTenantAsync();
        var body = prefix + new string('[', 1000) + new string(']', 1000) + suffix;

        using var response = await tenant.Admin.PostAsync($"api/tenants/{tenant.Id}/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await CustomersAsync(tenant));
    }

    private static async Task<List<CustomerSummary>> CustomersAsync(TestTenant tenant) =>
        [.. (await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/customers?pageSize=100"))).Items];

    /// <summary>A body whose length the client cannot know up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
