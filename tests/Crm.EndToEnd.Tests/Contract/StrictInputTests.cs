using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Contract;

/// <summary>
/// Issue 14's list, one test each: bad bodies, missing fields, loose enums and numbers, errors in the API's words
/// (zh-CN too), %00 in a path, a lowercase bearer scheme, control characters, HEAD. Every refusal is problem details
/// naming the field, and nothing reaches a grain.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StrictInputTests(CrmStackFixture stack)
{
    private static readonly string[] CaseCommands = ["replies", "notes", "customer-messages", "details", "escalation", "actions", "merge"];

    public static TheoryData<string, string> EmptyAndNullBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in CaseCommands)
        {
            data.Add(command, "");
            data.Add(command, "null");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EmptyAndNullBodies))]
    public async Task CaseCommand_EmptyOrNullBody_Is400NamingTheBody(string command, string body)
    {
        var (tenant, caseId) = await TenantWithCaseAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases/{caseId}/{command}", body), HttpStatusCode.BadRequest);

        Assert.Equal("A JSON object is required.", Error(problem, "body"));
    }

    [Fact]
    public async Task Channel_WithoutKind_Is400NotEmail()
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/customers",
            """{"displayName":"No Kind","channels":[{"value":"a@example.com"}]}"""), HttpStatusCode.BadRequest);

        Assert.Equal("Required.", Error(problem, "channels[0].kind"));
        Assert.Empty((await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/customers"))).Items);
    }

    [Theory]
    [InlineData("""{"displayName":"Typo","tier":"Silver","teir":"Gold"}""", "teir")]
    [InlineData("""{"displayName":"Nested","channels":[{"kind":"Email","value":"a@example.com","prefered":true}]}""", "channels[0].prefered")]
    [InlineData("""{"displayName":"Deep","consent":{"marketing":true,"sms":true}}""", "consent.sms")]
    public async Task Customer_WithAnUnknownField_Is400NamingItAndStoresNothing(string body, string field)
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/customers", body), HttpStatusCode.BadRequest);

        Assert.Equal("Not a field of this request (see its schema in /openapi/v1.json).", Error(problem, field));
        Assert.Empty((await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/customers"))).Items);
    }

    [Fact]
    public async Task CaseCommand_WithAnUnknownField_Is400NotIgnored()
    {
        var (tenant, caseId) = await TenantWithCaseAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases/{caseId}/replies",
            """{"text":"Sorry for the wait.","than":"Resolve"}"""), HttpStatusCode.BadRequest);

        Assert.NotNull(Error(problem, "than"));
    }

    [Fact]
    public async Task Customer_TagLongerThanTheRule_Is400NamingTheTag()
    {
        var tenant = await stack.NewTenantAsync();
        var tag = new string('t', Crm.Domain.Customers.ProfileRules.MaxTagLength + 1);

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/customers",
            $$"""{"displayName":"Long Tag","tags":["ok","{{tag}}"]}"""), HttpStatusCode.BadRequest);

        Assert.Equal($"At most {Crm.Domain.Customers.ProfileRules.MaxTagLength} characters.", Error(problem, "tags[1]"));
    }

    [Fact]
    public async Task Case_WithoutKind_Is400NotInquiry()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases",
            $$"""{"customerId":"{{customerId}}","subject":"s","description":"d"}"""), HttpStatusCode.BadRequest);

        Assert.Equal("Required.", Error(problem, "kind"));
    }

    [Fact]
    public async Task Availability_EmptyObject_Is400NotOff()
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await ProblemAsync(await SendRawAsync(tenant.Agent, HttpMethod.Put, $"api/tenants/{tenant.Id}/agents/me/availability", "{}"), HttpStatusCode.BadRequest);

        Assert.Equal("Required.", Error(problem, "available"));
    }

    [Theory]
    [InlineData("\"vip\"")]
    [InlineData("\" Vip \"")]
    [InlineData("\"VIP\"")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"Vip,Standard\"")]
    public async Task Enum_NotExactlyAName_Is400ListingTheNames(string tier)
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/customers",
            $$"""{"displayName":"Loose Enum","tier":{{tier}}}"""), HttpStatusCode.BadRequest);

        Assert.Equal($"One of {string.Join(", ", Enum.GetNames<CustomerTier>())}.", Error(problem, "tier"));
    }

    [Fact]
    public async Task Enum_ExactName_IsAccepted()
    {
        var tenant = await stack.NewTenantAsync();

        var created = await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/customers", """{"displayName":"Exact Enum","tier":"Vip"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [InlineData("queue?kind=complaint", "kind")]
    [InlineData("queue?kind=%20Complaint", "kind")]
    [InlineData("queue?kind=1", "kind")]
    [InlineData("audit?targetType=customer&targetId=x", "targetType")]
    [InlineData("audit?targetType=0&targetId=x", "targetType")]
    public async Task QueryEnum_NotExactlyAName_Is400(string query, string field)
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await ProblemAsync(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/{query}"), HttpStatusCode.BadRequest);

        Assert.StartsWith("One of ", Error(problem, field));
    }

    [Theory]
    [InlineData("%2B5", "A whole number, digits only (such as 20).")]
    [InlineData("%205", "A whole number, digits only (such as 20).")]
    [InlineData("5%20", "A whole number, digits only (such as 20).")]
    [InlineData("abc", "A whole number, digits only (such as 20).")]
    [InlineData("1e3", "A whole number, digits only (such as 20).")]
    [InlineData("0", "Between 1 and 100.")]
    [InlineData("101", "Between 1 and 100.")]
    public async Task PageSize_NotPlainDigitsInRange_Is400NamingIt(string pageSize, string message)
    {
        var tenant = await stack.NewTenantAsync();

        foreach (var list in new[] { "customers", "queue", "audit", "notifications" })
        {
            var problem = await ProblemAsync(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/{list}?pageSize={pageSize}"), HttpStatusCode.BadRequest);
            Assert.Equal(message, Error(problem, "pageSize"));
            Assert.DoesNotContain("Nullable", problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reply_NumericThen_Is400Not409()
    {
        var (tenant, caseId) = await TenantWithCaseAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases/{caseId}/replies", """{"text":"hi","then":12345}"""), HttpStatusCode.BadRequest);

        Assert.StartsWith("One of ", Error(problem, "then"));
    }

    [Theory]
    [InlineData("customers", """{"displayName":5}""", "displayName", "Text (a JSON string).")]
    [InlineData("customers", """{"displayName":"x","channels":{}}""", "channels", "A JSON array.")]
    [InlineData("customers", """{"displayName":"x","consent":[]}""", "consent", "A JSON object.")]
    [InlineData("customers", """{"displayName":null}""", "displayName", "A value is required.")]
    [InlineData("customers", """[]""", "body", "A JSON object.")]
    [InlineData("customers", """{"displayName":"x",""", "body", "Not valid JSON.")]
    [InlineData("cases", """{"customerId":"c","kind":"Inquiry","subject":"s","description":"d","severity":true}""", "severity", "One of Normal, Major.")]
    public async Task WrongType_Is400InTheApisWords_NeverADotNetType(string area, string body, string field, string message)
    {
        var tenant = await stack.NewTenantAsync();

        var response = await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/{area}", body);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal(message, Error(problem, field));
        var text = problem.GetRawText();
        foreach (var leak in new[] { "Crm.", "System.", "Nullable", "could not be converted", "LineNumber", "parameter \"" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongType_InChinese_NamesTheFieldInChinese()
    {
        var tenant = await stack.NewTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{tenant.Id}/customers")
        {
            Content = new StringContent("""{"displayName":"x","tier":"vip"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await ProblemAsync(await tenant.Agent.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Equal($"须为以下取值之一（区分大小写）：{string.Join(", ", Enum.GetNames<CustomerTier>())}。", Error(problem, "tier"));
    }

    [Theory]
    [InlineData("customers/a%00b")]
    [InlineData("cases/a%00b")]
    [InlineData("customers/%00")]
    public async Task NulInPath_IsRefusedWith400(string path)
    {
        var tenant = await stack.NewTenantAsync();

        // Kestrel refuses a decoded NUL in the request target before any middleware runs, so this 400 has no body:
        // nothing of ours can add problem details to it (see docs/api-contract.md).
        using var response = await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task BearerScheme_AnyCase_IsAccepted(string scheme)
    {
        var tenant = await stack.NewTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{tenant.Id}/customers");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {tenant.Agent.DefaultRequestHeaders.Authorization!.Parameter}");

        using var response = await stack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("customers", """{"displayName":"Ctrl\u0001Char"}""", "displayName")]
    [InlineData("customers", """{"displayName":"Fine","tags":["a\u001bb"]}""", "tags[0]")]
    [InlineData("customers", """{"displayName":"Fine","channels":[{"kind":"Email","value":"a\u0007@example.com"}]}""", "channels[0].value")]
    [InlineData("cases", """{"customerId":"{customer}","kind":"Inquiry","subject":"Bell\u0007","description":"d"}""", "subject")]
    [InlineData("cases", """{"customerId":"{customer}","kind":"Inquiry","subject":"s","description":"d\u007f"}""", "description")]
    [InlineData("cases", """{"customerId":"{customer}","kind":"AfterSales","afterSalesType":"Return","orderReference":"A\u0001","subject":"s","description":"d"}""", "orderReference")]
    public async Task ControlCharacter_InAnyField_IsRefusedTheSameWay(string area, string body, string field)
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();

        var problem = await ProblemAsync(await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/{area}", body.Replace("{customer}", customerId)), HttpStatusCode.BadRequest);

        Assert.Equal("No control characters (line breaks and tabs are allowed).", Error(problem, field));
    }

    [Fact]
    public async Task LineBreaksAndTabs_InText_AreKept()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();

        var created = await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases",
            $$"""{"customerId":"{{customerId}}","kind":"Inquiry","subject":"s","description":"line 1\nline\t2"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("line 1\nline\t2", (await CrmStackFixture.ReadAsync<CaseView>(created)).Description);
    }

    [Fact]
    public async Task Head_OnAGetEndpoint_AnswersLikeGetWithoutABody()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/customers";

        using var head = await tenant.Agent.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        using var get = await tenant.Agent.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MethodNotAllowed_IsProblemDetails_AndAllowListsWhatAnswers()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/customers";

        using var response = await tenant.Agent.DeleteAsync(url);

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        foreach (var method in response.Content.Headers.Allow)
        {
            using var probe = await tenant.Agent.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null });
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, probe.StatusCode);
            Assert.NotEqual(HttpStatusCode.NotFound, probe.StatusCode);
        }
    }

    private async Task<(TestTenant Tenant, string CustomerId)> TenantWithCustomerAsync()
    {
        var tenant = await stack.NewTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new { displayName = "Strict Input", channels = new[] { new { kind = "Email", value = "strict@example.com" } } });
        created.EnsureSuccessStatusCode();
        return (tenant, (await CrmStackFixture.ReadAsync<CustomerView>(created)).CustomerId);
    }

    private async Task<(TestTenant Tenant, string CaseId)> TenantWithCaseAsync()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var opened = await PostRawAsync(tenant.Agent, $"api/tenants/{tenant.Id}/cases",
            $$"""{"customerId":"{{customerId}}","kind":"Inquiry","subject":"Where is my parcel?","description":"Ordered a week ago."}""");
        opened.EnsureSuccessStatusCode();
        return (tenant, (await CrmStackFixture.ReadAsync<CaseView>(opened)).CaseId);
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient http, string url, string body) => SendRawAsync(http, HttpMethod.Post, url, body);

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient http, HttpMethod method, string url, string body) =>
        http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) });

    private static string? Error(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? messages[0].GetString()
            : $"no error for '{field}' in {problem.GetRawText()}";

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
