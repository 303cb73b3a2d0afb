using Crm.Contracts.Access;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The tenant admin's audit log page, in Chinese, in real Chromium.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class AuditPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TenantAdmin_FiltersTheLogByAction_AndReadsLabelledRows()
    {
        var tenant = await stack.NewTenantAsync();
        var admin = tenant.Users[Role.TenantAdmin];
        var agent = tenant.Users[Role.Agent].Username;
        (await tenant.Admin.PostAsync($"api/tenants/{tenant.Id}/users/{agent}/password-reset", null)).EnsureSuccessStatusCode();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/audit");
        await SignInAsync(page, admin.Username, admin.Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/audit");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("nav-audit")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("audit").Locator("th").First).ToContainTextAsync("时间（UTC");

        await page.GetByTestId("audit-action").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "重置密码" }).ClickAsync();
        await page.GetByTestId("audit-search").ClickAsync();

        var rows = page.GetByTestId("audit-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.GetByTestId("audit-row-action")).ToHaveTextAsync("重置密码");
        await Assertions.Expect(rows.GetByTestId("audit-row-target-type")).ToHaveTextAsync("用户");
        await Assertions.Expect(rows.GetByTestId("audit-row-target-id")).ToHaveTextAsync(agent);
    }
}
