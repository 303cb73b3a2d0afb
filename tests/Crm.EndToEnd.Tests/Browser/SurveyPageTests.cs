using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Microsoft.Playwright;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The customer's survey page at a phone's width (390 px), with no sign-in, in real headless Chromium.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class SurveyPageTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record InvitationLink(InvitationView Invitation, string Link);

    [Fact]
    public async Task Customer_AnswersOnAPhoneInChinese_ReasonsOnlyOnALowRating_SecondVisitSaysAlreadyAnswered()
    {
        var (tenant, link) = await InvitedAsync(SurveyLanguage.ZhCn);
        await using var context = await PhoneAsync("en-US");
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);

        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("您对我们的服务满意吗？");
        await Assertions.Expect(page.GetByText("总体来说，您对我们的服务满意吗？")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        await Assertions.Expect(page.GetByTestId("survey-reasons")).ToBeHiddenAsync();

        // Keyboard: a focused rating is chosen with the space bar; a low one brings the reasons.
        await page.GetByTestId("csat-2").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("csat-2")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("survey-reasons")).ToBeVisibleAsync();
        await page.GetByLabel("回复太慢").CheckAsync();
        await page.GetByLabel("响应速度：2 分（满分 5 分）").CheckAsync();
        await page.GetByTestId("nps-6").CheckAsync(new() { Force = true });
        await page.GetByLabel("还有什么想告诉我们的吗？（选填）").FillAsync("客服回复太慢了，等了两天。");
        await page.GetByTestId("survey-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToHaveTextAsync("感谢您的评价！我们已收到您的反馈。");
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByTestId("survey-answered")).ToBeVisibleAsync();
        var results = await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/surveys/csat/results"));
        var row = Assert.Single(results.Rows);
        Assert.Equal(1, row.Responses);
        Assert.Equal(1, row.Reasons["slow-response"]);
        Assert.Equal(1, row.CsatScores[1]);
    }

    [Fact]
    public async Task Customer_HighRating_NoReasonsAndAnEnglishSurveyInEnglish()
    {
        var (tenant, link) = await InvitedAsync(SurveyLanguage.En);
        await using var context = await PhoneAsync("zh-CN");
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await page.GetByLabel("Very satisfied").CheckAsync(new() { Force = true });

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByTestId("survey-reasons")).ToBeHiddenAsync();
        await page.GetByTestId("survey-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToHaveTextAsync("Thank you! We have received your answers.");
        var row = Assert.Single((await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/surveys/csat/results"))).Rows);
        Assert.Equal(1, row.CsatScores[4]);
    }

    [Fact]
    public async Task Customer_SubmitsWithoutARating_IsAskedForOneAndNothingIsRecorded()
    {
        var (tenant, link) = await InvitedAsync(SurveyLanguage.ZhCn);
        await using var context = await PhoneAsync("zh-CN");
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await page.GetByTestId("survey-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("survey-errors")).ToContainTextAsync("请选择您的总体满意度。");
        var row = Assert.Single((await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/surveys/csat/results"))).Rows);
        Assert.Equal(0, row.Responses);
    }

    [Fact]
    public async Task UnknownAndExpiredLinks_GetAClearPage()
    {
        var (tenant, customerId) = await SurveyAsync(SurveyLanguage.ZhCn);
        var expired = await CrmStackFixture.ReadAsync<InvitationView>(await Task.FromResult(await Invite(stack, tenant, customerId, validityDays: 1, backdate: true)));
        await using var context = await PhoneAsync("zh-CN");
        var page = await context.NewPageAsync();

        await page.GotoAsync("s/not-a-token");
        await Assertions.Expect(page.GetByTestId("survey-unknown")).ToHaveTextAsync("该问卷链接无效，请确认您打开的是消息中的完整链接。");
        await page.GotoAsync("s/" + new string('x', InvitationToken.Length));
        await Assertions.Expect(page.GetByTestId("survey-unknown")).ToBeVisibleAsync();
        await page.GotoAsync("s/" + expired.Token);
        await Assertions.Expect(page.GetByTestId("survey-expired")).ToHaveTextAsync("该问卷链接已过期，无法再提交。");
    }

    private async Task<IBrowserContext> PhoneAsync(string locale) =>
        await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = locale,
        });

    private async Task<(TestTenant Tenant, string Link)> InvitedAsync(SurveyLanguage language)
    {
        var (tenant, customerId) = await SurveyAsync(language);
        var response = await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys/csat/invitations", new { customerId });
        var link = await CrmStackFixture.ReadAsync<InvitationLink>(response);
        return (tenant, link.Link);
    }

    private async Task<(TestTenant Tenant, string CustomerId)> SurveyAsync(SurveyLanguage language)
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "Wang Fang", channels = Array.Empty<object>() }));
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys",
            new { surveyId = "csat", name = "CSAT", content = SurveyContent.Default(language) }, CrmStackFixture.Json)).EnsureSuccessStatusCode();
        return (tenant, customer.CustomerId);
    }

    /// <summary>An invitation that has already expired, issued straight through the cluster (the API only issues future ones).</summary>
    private static async Task<HttpResponseMessage> Invite(CrmStackFixture stack, TestTenant tenant, string customerId, int validityDays, bool backdate)
    {
        var cluster = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IClusterClient>(stack.ClientServices);
        var view = await cluster.GetGrain<ICustomerSurveysGrain>(SurveyKey.Format(tenant.Id, customerId)).InviteAsync(
            "csat", "expired-" + Guid.NewGuid().ToString("N")[..8], SurveySource.Campaign,
            backdate ? DateTimeOffset.UtcNow.AddSeconds(-1) : DateTimeOffset.UtcNow.AddDays(validityDays), null, null, "test");
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = JsonContent.Create(view, options: CrmStackFixture.Json) };
    }
}
