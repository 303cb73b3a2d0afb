using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Issue 9's case-page API: the bulk endpoint (each case through the single action's rule and audit), the
/// acknowledgement setting, and macro placeholders refused when unknown. Through the real front end, silo and Azurite.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CaseBulkApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Bulk_ChangeStatusThenAssign_EachCaseAsTheSingleAction_OneRefusalNeverStopsTheRest()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var other = await stack.NewTenantAsync();
        var otherCustomer = await NewCustomerAsync(other);
        var first = await OpenAsync(tenant, customerId);
        var second = await OpenAsync(tenant, customerId);
        var resolved = await OpenAsync(tenant, customerId);
        await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{resolved}/actions", new { action = "Resolve" });
        var foreign = await OpenAsync(other, otherCustomer);
        var lead = tenant.As(Role.TeamLead);
        var agent = tenant.Users[Role.Agent].Username;

        var acknowledged = await BulkAsync(lead, tenant.Id, new { caseIds = new[] { first, foreign, resolved, second, "not an id" }, operation = "ChangeStatus", action = "Acknowledge" });
        var assigned = await BulkAsync(lead, tenant.Id, new { caseIds = new[] { first, second }, operation = "Assign", assignee = agent });

        Assert.Equal((2, 3), (acknowledged.GetProperty("done").GetInt32(), acknowledged.GetProperty("refused").GetInt32()));
        Assert.Equal(
            [(first, 200), (foreign, 404), (resolved, 409), (second, 200), ("not an id", 404)],
            Results(acknowledged).Select(r => (r.GetProperty("caseId").GetString()!, r.GetProperty("status").GetInt32())));
        Assert.Equal("Acknowledged", Results(acknowledged)[0].GetProperty("case").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(Results(acknowledged)[1].GetProperty("problem").GetString()));
        Assert.All(Results(assigned), r => Assert.Equal(agent, r.GetProperty("case").GetProperty("assignee").GetString()));
        // The other tenant's case was not touched.
        Assert.Equal("New", (await other.Agent.GetFromJsonAsync<JsonElement>($"api/tenants/{other.Id}/cases/{foreign}")).GetProperty("status").GetString());

        // Each done case has the single action's audit row; the refused ones have none.
        var audit = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?targetType=Case&actor={tenant.Users[Role.TeamLead].Username}&pageSize=100"));
        Assert.Equal(
            [$"{first} ApplyCaseAction: Acknowledge", $"{first} AssignCase: {agent}", $"{second} ApplyCaseAction: Acknowledge", $"{second} AssignCase: {agent}"],
            audit.Entries.Select(e => $"{e.TargetId} {e.Detail}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"caseIds":[],"operation":"Assign"}""", "caseIds")]
    [InlineData("""{"caseIds":["a1","a1"],"operation":"Assign"}""", "caseIds")]
    [InlineData("""{"caseIds":["a1"]}""", "operation")]
    [InlineData("""{"caseIds":["a1"],"operation":"ChangeStatus"}""", "action")]
    [InlineData("""{"caseIds":["a1"],"operation":"Assign","action":"Resolve"}""", "action")]
    [InlineData("""{"caseIds":["a1"],"operation":"Merge"}""", "operation")]
    public async Task Bulk_BadRequest_Is400NamingTheField(string body, string field)
    {
        var tenant = await stack.NewTenantAsync();

        var response = await tenant.Agent.PostAsync($"api/tenants/{tenant.Id}/cases/bulk", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Bulk_MoreThanTheLimit_Is400_AndTheDocumentSaysTheLimit()
    {
        var tenant = await stack.NewTenantAsync();
        var ids = Enumerable.Range(0, 101).Select(i => $"c{i:000}").ToArray();

        var problem = await ProblemAsync(
            await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/bulk", new { caseIds = ids, operation = "ChangeStatus", action = "Resolve" }),
            HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("caseIds", out _), problem.ToString());
        using var document = JsonDocument.Parse(await stack.Http.GetStringAsync("openapi/v1.json"));
        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/tenants/{tenantId}/cases/bulk").GetProperty("post");
        Assert.Equal("BulkUpdateCases", operation.GetProperty("operationId").GetString());
        Assert.Contains("100", operation.GetProperty("summary").GetString());
        Assert.Contains("\"maxItems\": 100", JsonSerializer.Serialize(document.RootElement.GetProperty("components"), new JsonSerializerOptions { WriteIndented = true }));
    }

    [Fact]
    public async Task Bulk_WithoutThePermission_Is403_AndChangesNothing()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var caseId = await OpenAsync(tenant, customerId);

        // An analyst works no cases; an agent may take cases but not hand them to someone else.
        await ProblemAsync(await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/bulk", new { caseIds = new[] { caseId }, operation = "ChangeStatus", action = "Acknowledge" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/bulk", new { caseIds = new[] { caseId }, operation = "Assign", assignee = tenant.Users[Role.TeamLead].Username }), HttpStatusCode.Forbidden);
        var mine = await BulkAsync(tenant.Agent, tenant.Id, new { caseIds = new[] { caseId }, operation = "Assign", assignee = tenant.Users[Role.Agent].Username });

        Assert.Equal(200, Results(mine)[0].GetProperty("status").GetInt32());
        var view = await tenant.Agent.GetFromJsonAsync<JsonElement>($"api/tenants/{tenant.Id}/cases/{caseId}");
        Assert.Equal(("New", tenant.Users[Role.Agent].Username), (view.GetProperty("status").GetString(), view.GetProperty("assignee").GetString()));
    }

    [Fact]
    public async Task Settings_AcknowledgementOff_APlainReplyLeavesTheCaseNew_AndItIsOnByDefault()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var url = $"api/tenants/{tenant.Id}/service-desk/settings";
        var read = await tenant.Admin.GetAsync(url);
        var settings = await CrmStackFixture.ReadAsync<JsonElement>(read);
        Assert.True(settings.GetProperty("acknowledgeOnFirstReply").GetBoolean());

        var put = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new { categories = settings.GetProperty("categories"), reopenWindowDays = 7, assignment = "Manual", acknowledgeOnFirstReply = false }),
        };
        put.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(read.Headers.ETag!.Tag));
        var saved = await CrmStackFixture.ReadAsync<JsonElement>(await tenant.Admin.SendAsync(put));
        var caseId = await OpenAsync(tenant, customerId);
        var replied = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{caseId}/replies", new { text = "We are looking into it." });

        Assert.False(saved.GetProperty("acknowledgeOnFirstReply").GetBoolean());
        var view = await CrmStackFixture.ReadAsync<CaseView>(replied);
        Assert.Equal((CaseStatus.New, tenant.Users[Role.Agent].Username), (view.Status, view.Assignee));
    }

    [Fact]
    public async Task Macro_UnknownPlaceholder_Is400NamingTheBody_InChineseToo()
    {
        var tenant = await stack.NewTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{tenant.Id}/service-desk/macros")
        {
            Content = JsonContent.Create(new { title = "问候", body = "{customer.nmae}您好" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await ProblemAsync(await tenant.As(Role.TeamLead).SendAsync(request), HttpStatusCode.BadRequest);
        var known = await tenant.As(Role.TeamLead).PostAsJsonAsync($"api/tenants/{tenant.Id}/service-desk/macros", new { title = "问候", body = "{customer.name}您好，订单 {case.orderReference}" });

        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString()!;
        Assert.Contains("{customer.nmae}", message);
        Assert.Contains("占位符", message);
        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
    }

    private static JsonElement[] Results(JsonElement response) => [.. response.GetProperty("results").EnumerateArray()];

    private static async Task<JsonElement> BulkAsync(HttpClient http, string tenantId, object body)
    {
        var response = await http.PostAsJsonAsync($"api/tenants/{tenantId}/cases/bulk", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestTenant Tenant, string CustomerId)> TenantWithCustomerAsync()
    {
        var tenant = await stack.NewTenantAsync();
        return (tenant, await NewCustomerAsync(tenant));
    }

    private static async Task<string> NewCustomerAsync(TestTenant tenant) =>
        (await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "Zhao Lei", channels = Array.Empty<object>() }))).CustomerId;

    private static async Task<string> OpenAsync(TestTenant tenant, string customerId) =>
        (await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases",
            new { customerId, kind = "Inquiry", subject = "Where is my parcel?", description = "Tracking has not moved." }))).CaseId;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
