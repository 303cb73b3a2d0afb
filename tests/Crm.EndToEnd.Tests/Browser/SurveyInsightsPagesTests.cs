using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.EndToEnd.Tests.Surveys;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The insights on the analyst dashboard in real Chromium, in Chinese, from responses sent through the API.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class SurveyInsightsPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dashboard_ShowsTopDriverRecommendationAndThemeInChinese_ExamplesMasked_DrillDownByTone()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
            new { displayName = "客户甲", channels = new[] { new { kind = "Email", value = "a@example.com" } } }));
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys", new { surveyId = "csat", name = "售后满意度调查" })).EnsureSuccessStatusCode();
        await InsightsWorkload.SendAsync(tenant, customer.CustomerId);

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/surveys/csat");
        await SignInAsync(page, tenant.Users[Role.Analyst].Username, tenant.Users[Role.Analyst].Password);
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("driver-label").First).ToContainTextAsync("“物流配送”评分", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("recommendation").First).ToContainTextAsync("改善“物流配送”评分");
        await Assertions.Expect(page.GetByTestId("insights-method")).ToContainTextAsync("置换特征重要性");
        await Assertions.Expect(page.Locator("[data-testid=insights] svg").First).ToBeVisibleAsync();
        var theme = page.GetByTestId("theme").Filter(new() { Has = page.GetByTestId("theme-term").GetByText("物流", new() { Exact = true }) });
        await Assertions.Expect(theme).ToHaveCountAsync(1);
        await Assertions.Expect(theme.GetByTestId("theme-example")).ToHaveCountAsync(3);
        Assert.DoesNotContain(InsightsWorkload.Phone, await theme.InnerTextAsync());

        // The drill-down shows each comment's tone and score, and keeps only one tone when asked to.
        await page.GetByTestId("drill-csat-5").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("drill=1.*csat=5"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("drill-tone").First).ToContainTextAsync("分");
        await page.GotoAsync($"t/{tenant.Id}/surveys/csat?drill=1&tone=dissatisfied");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("drill-tone").First).ToContainTextAsync("不满意", new() { Timeout = 30_000 });
        foreach (var tone in await page.GetByTestId("drill-tone").AllInnerTextsAsync())
        {
            Assert.StartsWith("不满意", tone);
        }

        await context.CloseAsync();
    }
}
