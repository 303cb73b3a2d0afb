using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.EndToEnd.Tests;

/// <summary>The service desk over HTTP, through the real front end, silo and Azurite.</summary>
[Collection(StackCollection.Name)]
public sealed class CasesApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Case_FromOpenToResolved_OverTheApi()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var http = tenant.Agent;
        var me = tenant.Users[Role.Agent].Username;
        var created = await http.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await CrmStackFixture.ReadAsync<CaseView>(created);
        var url = $"api/tenants/{tenant.Id}/cases/{view.CaseId}";
        Assert.Equal("/" + url, created.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"{url}/take", new { })).StatusCode);
        var mine = await CrmStackFixture.ReadAsync<CaseQueuePage>(await http.GetAsync($"api/tenants/{tenant.Id}/my-cases"));
        Assert.Equal(view.CaseId, Assert.Single(mine.Items).CaseId);
        var replied = await CrmStackFixture.ReadAsync<CaseView>(
            await http.PostAsJsonAsync($"{url}/replies", new { text = "Which size do you need instead?", then = "WaitOnCustomer" }));
        Assert.Equal((CaseStatus.WaitingOnCustomer, SlaStatus.Met), (replied.Status, replied.Sla.FirstResponse.Status));
        await CrmStackFixture.ReadAsync<CaseView>(await http.PostAsJsonAsync($"{url}/customer-messages", new { text = "Size M please." }));
        await CrmStackFixture.ReadAsync<CaseView>(await http.PostAsJsonAsync($"{url}/notes", new { text = "Exchange approved by warehouse." }));
        var resolved = await CrmStackFixture.ReadAsync<CaseView>(await http.PostAsJsonAsync($"{url}/actions", new { action = "Resolve", comment = "Exchange shipped." }));

        Assert.Equal(CaseStatus.Resolved, resolved.Status);
        var history = await CrmStackFixture.ReadAsync<CaseEventPage>(await http.GetAsync($"{url}/history"));
        Assert.Equal(
            [CaseEventType.Opened, CaseEventType.Assigned, CaseEventType.Replied, CaseEventType.StatusChanged, CaseEventType.CustomerMessage,
             CaseEventType.StatusChanged, CaseEventType.NoteAdded, CaseEventType.StatusChanged],
            history.Events.Select(e => e.Type));
        Assert.All(history.Events.Where(e => e.Type != CaseEventType.CustomerMessage), e => Assert.Equal(me, e.Actor));
        var queue = await CrmStackFixture.ReadAsync<CaseQueuePage>(await http.GetAsync($"api/tenants/{tenant.Id}/queue"));
        Assert.Empty(queue.Items);
        var archive = await CrmStackFixture.ReadAsync<ArchivePage>(await http.GetAsync($"api/tenants/{tenant.Id}/customers/{customerId}/archive"));
        Assert.Equal(8, archive.Entries.Count(e => e.ReferenceId == view.CaseId));
        Assert.Contains(archive.Entries, e => e.Kind == ArchiveEntryKind.AfterSales && e.Summary.StartsWith("Exchange request opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_RetriedWithTheSameIdempotencyKey_MakesOneCase()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKeyAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases", Report(customerId), key);
        var retry = await PostWithKeyAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases", Report(customerId), key);
        var reused = await PostWithKeyAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases", Report(customerId, subject: "Another thing"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((await CrmStackFixture.ReadAsync<CaseView>(first)).CaseId, (await CrmStackFixture.ReadAsync<CaseView>(retry)).CaseId);
        await AssertProblemAsync(reused, HttpStatusCode.Conflict);
        var queue = await CrmStackFixture.ReadAsync<CaseQueuePage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/queue"));
        Assert.Single(queue.Items);
    }

    [Fact]
    public async Task Open_BadReport_Is400NamingEachFieldAndMakesNoCase()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();

        var response = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", new
        {
            customerId,
            kind = "AfterSales",
            subject = "",
            description = "Wants money back",
            category = "nonsense",
        });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["afterSalesType", "category", "orderReference", "subject"], fields);
        var queue = await CrmStackFixture.ReadAsync<CaseQueuePage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/queue"));
        Assert.Empty(queue.Items);
    }

    [Theory]
    [InlineData("{\"customerId\": ")]
    [InlineData("{\"customerId\": \"c\", \"kind\": \"Banana\", \"subject\": \"s\", \"description\": \"d\"}")]
    public async Task Open_MalformedJson_Is400Problem(string body)
    {
        var tenant = await stack.NewTenantAsync();

        var response = await tenant.Agent.PostAsync($"api/tenants/{tenant.Id}/cases", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task IllegalTransition_Is409SayingWhatIsAllowed()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var view = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId)));

        var response = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{view.CaseId}/actions", new { action = "Close" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("can be: acknowledged, started", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Details_ReTriage_MovesTheDeadlineAndRefusesUnknownCategories()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var view = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId)));
        var url = $"api/tenants/{tenant.Id}/cases/{view.CaseId}/details";

        var major = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync(url, new { severity = "Major" }));

        Assert.Equal((CaseSeverity.Major, "returns-refunds"), (major.Severity, major.Category));
        Assert.Equal(view.OpenedAt + TimeSpan.FromHours(24), major.Sla.Resolution.DueAt);
        var problem = await AssertProblemAsync(await tenant.Agent.PostAsJsonAsync(url, new { category = "Nonsense" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("category", out _));
    }

    [Theory]
    [InlineData("api/tenants/{tenant}/cases/0123456789abcdef0123456789abcdef")]
    [InlineData("api/tenants/{tenant}/cases/0123456789abcdef0123456789abcdef/history")]
    [InlineData("api/tenants/{tenant}/cases/bad%20id")]
    public async Task UnknownCase_Is404Problem(string path)
    {
        var tenant = await stack.NewTenantAsync();

        await AssertProblemAsync(await tenant.Agent.GetAsync(path.Replace("{tenant}", tenant.Id)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("api/tenants/{tenant}/queue?pageSize=0")]
    [InlineData("api/tenants/{tenant}/queue?kind=banana")]
    [InlineData("api/tenants/{tenant}/queue?severity=7")]
    [InlineData("api/tenants/{tenant}/queue?category=Not%20a%20slug")]
    [InlineData("api/tenants/{tenant}/queue?continuationToken=%27%20or%20true")]
    [InlineData("api/tenants/{tenant}/queue?tone=angry")]
    [InlineData("api/tenants/{tenant}/my-cases?tone=3")]
    public async Task Queue_BadQuery_Is400Problem(string path)
    {
        var tenant = await stack.NewTenantAsync();

        await AssertProblemAsync(await tenant.Agent.GetAsync(path.Replace("{tenant}", tenant.Id)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Queue_ToneFilter_KeepsTheDissatisfiedCustomers()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var angry = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases",
            Report(customerId, "Third time asking")));
        var angryCase = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/cases/{angry.CaseId}/customer-messages", new { text = "物流太慢了，客服态度也很差，非常失望" }));
        var calm = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId, "Size question")));
        await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{calm.CaseId}/customer-messages", new { text = "质量很好，发货快，客服很耐心，满意" });

        var dissatisfied = await CrmStackFixture.ReadAsync<CaseQueuePage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/queue?tone=Dissatisfied"));
        var all = await CrmStackFixture.ReadAsync<CaseQueuePage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/queue"));

        Assert.Equal(Contracts.Scoring.CommentTone.Dissatisfied, angryCase.Tone?.Tone);
        Assert.Equal([angry.CaseId], dissatisfied.Items.Select(i => i.CaseId));
        Assert.Equal(2, all.Items.Length);
        Assert.All(all.Items, i => Assert.NotNull(i.Tone));
    }

    [Fact]
    public async Task Assign_SomeoneElse_NeedsCasesAssign()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var view = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId)));
        var url = $"api/tenants/{tenant.Id}/cases/{view.CaseId}/assignee";
        var agent = tenant.Users[Role.Agent].Username;

        await AssertProblemAsync(await tenant.Agent.PutAsJsonAsync(url, new { assignee = tenant.Users[Role.TeamLead].Username }), HttpStatusCode.Forbidden);
        var byLead = await tenant.As(Role.TeamLead).PutAsJsonAsync(url, new { assignee = agent });

        Assert.Equal(agent, (await CrmStackFixture.ReadAsync<CaseView>(byLead)).Assignee);
        await AssertProblemAsync(await tenant.As(Role.TeamLead).PutAsJsonAsync(url, new { assignee = tenant.Users[Role.Analyst].Username }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ServiceDesk_PolicyAndMacros_OverTheApi()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var policy = await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/service-desk/sla-policy",
            new { firstResponse = "01:00:00", resolution = "03:00:00", majorResolution = "12:00:00", warningShare = 0.8 });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal(2, (await CrmStackFixture.ReadAsync<SlaPolicyView>(policy)).Version);
        await AssertProblemAsync(
            await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/service-desk/sla-policy", new { firstResponse = "-01:00:00", resolution = "03:00:00", majorResolution = "12:00:00" }),
            HttpStatusCode.BadRequest);
        await AssertProblemAsync(
            await tenant.Agent.PutAsJsonAsync($"api/tenants/{tenant.Id}/service-desk/sla-policy", new { firstResponse = "01:00:00", resolution = "03:00:00", majorResolution = "12:00:00" }),
            HttpStatusCode.Forbidden);
        var macro = await tenant.As(Role.TeamLead).PostAsJsonAsync($"api/tenants/{tenant.Id}/service-desk/macros", new { title = "Exchange", body = "We will exchange it." });
        Assert.Equal(HttpStatusCode.Created, macro.StatusCode);

        var view = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId)));

        Assert.Equal((2, TimeSpan.FromHours(1)), (view.Sla.PolicyVersion, view.Sla.FirstResponse.Target));
        var macros = await CrmStackFixture.ReadAsync<CaseMacro[]>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/service-desk/macros"));
        Assert.Equal("Exchange", Assert.Single(macros).Title);
    }

    [Fact]
    public async Task Escalation_ReachesTheTeamLeadsFeed_NotTheAgents()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var view = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", Report(customerId)));

        var escalated = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{view.CaseId}/escalation", new { reason = "Customer is very upset." });

        Assert.True((await CrmStackFixture.ReadAsync<CaseView>(escalated)).Escalated);
        var feed = await CrmStackFixture.ReadAsync<DeskNotificationPage>(await tenant.As(Role.TeamLead).GetAsync($"api/tenants/{tenant.Id}/notifications"));
        Assert.Equal(view.CaseId, Assert.Single(feed.Items).CaseId);
        var queue = await CrmStackFixture.ReadAsync<CaseQueuePage>(await tenant.As(Role.TeamLead).GetAsync($"api/tenants/{tenant.Id}/escalations"));
        Assert.Single(queue.Items);
        await AssertProblemAsync(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/notifications"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheCaseEndpoints()
    {
        var document = await stack.Http.GetStringAsync("openapi/v1.json");

        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        var open = paths.GetProperty("/api/tenants/{tenantId}/cases").GetProperty("post");
        Assert.True(open.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(open.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.TryGetProperty("/api/tenants/{tenantId}/queue", out _));
        Assert.True(paths.GetProperty("/api/tenants/{tenantId}/cases/{caseId}/actions").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        Assert.Contains("ReplyToCase", document);
        Assert.Contains("UpdateSlaPolicy", document);
    }

    private async Task<(TestTenant Tenant, string CustomerId)> TenantWithCustomerAsync()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "Wang Fang",
            channels = new[] { new { kind = "Email", value = "wang.fang@example.com", preferred = true } },
            tags = Array.Empty<string>(),
        });
        return (tenant, (await CrmStackFixture.ReadAsync<CustomerView>(customer)).CustomerId);
    }

    private static object Report(string customerId, string subject = "Wrong size delivered") => new
    {
        customerId,
        kind = "AfterSales",
        afterSalesType = "Exchange",
        orderReference = "SO-88231",
        subject,
        description = "Ordered size M, received XL.",
        severity = "Normal",
        category = "returns-refunds",
        channel = "App",
    };

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient http, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
