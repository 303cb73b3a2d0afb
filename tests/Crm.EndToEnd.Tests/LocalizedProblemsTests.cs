using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;

namespace Crm.EndToEnd.Tests;

/// <summary>The API's problem details speak the caller's language: their stored choice, the tenant's default, else Accept-Language.</summary>
[Collection(StackCollection.Name)]
public sealed class LocalizedProblemsTests(CrmStackFixture stack)
{
    private static readonly object BadCustomer = new { displayName = " ", channels = new[] { new { kind = "Email", value = "not-an-email" } } };

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "部分字段填写有误。", "邮箱地址格式不正确。")]
    [InlineData("en-US,en;q=0.9", "One or more fields are invalid.", "Not a valid email address.")]
    public async Task ValidationProblem_FollowsAcceptLanguage(string acceptLanguage, string title, string emailMessage)
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await SendAsync(tenant.Agent, HttpMethod.Post, $"api/tenants/{tenant.Id}/customers", BadCustomer, acceptLanguage, HttpStatusCode.BadRequest);

        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(emailMessage, problem.GetProperty("errors").GetProperty("channels[0].value")[0].GetString());
    }

    [Fact]
    public async Task NotFound_InChinese_SaysSoInChinese()
    {
        var tenant = await stack.NewTenantAsync();

        var problem = await SendAsync(tenant.Agent, HttpMethod.Get, $"api/tenants/{tenant.Id}/customers/0123456789abcdef0123456789abcdef", null, "zh-CN", HttpStatusCode.NotFound);

        Assert.Equal("未找到。", problem.GetProperty("title").GetString());
        Assert.Contains("没有客户", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UsersChoice_WinsOverAcceptLanguage_AndTheTenantsDefaultOverTheBrowser()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Agent;
        (await Send(tenant.Admin, HttpMethod.Put, $"api/tenants/{tenant.Id}/language", new { language = "zh-CN" }, "en")).EnsureSuccessStatusCode();

        var byTenant = await SendAsync(agent, HttpMethod.Post, $"api/tenants/{tenant.Id}/customers", BadCustomer, "en-US", HttpStatusCode.BadRequest);
        Assert.Equal("部分字段填写有误。", byTenant.GetProperty("title").GetString());

        var me = await Send(agent, HttpMethod.Put, "api/me/language", new { language = "en" }, "zh-CN");
        Assert.Equal("en", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString());
        var byUser = await SendAsync(agent, HttpMethod.Post, $"api/tenants/{tenant.Id}/customers", BadCustomer, "zh-CN", HttpStatusCode.BadRequest);
        Assert.Equal("One or more fields are invalid.", byUser.GetProperty("title").GetString());
        Assert.Equal("en", (await agent.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("language").GetString());
    }

    [Fact]
    public async Task SetLanguage_Unknown_Is400InTheCallersLanguage_AndNeedsTheTenantAdmin()
    {
        var tenant = await stack.NewTenantAsync();

        var refused = await SendAsync(tenant.Agent, HttpMethod.Put, "api/me/language", new { language = "fr" }, "zh-CN", HttpStatusCode.BadRequest);
        Assert.Equal("语言须为“en”或“zh-CN”。", refused.GetProperty("errors").GetProperty("language")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(tenant.As(Role.Agent), HttpMethod.Put, $"api/tenants/{tenant.Id}/language", new { language = "en" }, "en")).StatusCode);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object? body, string acceptLanguage, HttpStatusCode expected)
    {
        var response = await Send(http, method, path, body, acceptLanguage);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, object? body, string acceptLanguage)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return http.SendAsync(request);
    }
}
