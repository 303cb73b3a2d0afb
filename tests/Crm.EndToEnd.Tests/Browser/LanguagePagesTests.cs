using Crm.Contracts.Access;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The language a page speaks: the user's stored choice, else the tenant's default, else the browser's.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class LanguagePagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task LanguageSwitch_ChangesThePage_AndStaysAfterReloadAndANewSignIn()
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.Agent];
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, username, password);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByTestId("nav-queue")).ToHaveTextAsync("Queue");

        await page.GetByTestId("language-switch-button").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByTestId("nav-queue")).ToHaveTextAsync("工单队列");
        Assert.EndsWith($"/t/{tenant.Id}/queue", page.Url);

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByTestId("nav-queue")).ToHaveTextAsync("工单队列");

        // Stored with the user, not the browser: another browser with an English Accept-Language gets it too.
        await using var other = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "en-US" });
        var second = await other.NewPageAsync();
        await second.GotoAsync($"t/{tenant.Id}/queue");
        await Assertions.Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await SignInAsync(second, username, password);
        await WaitInteractiveAsync(second);
        await Assertions.Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(second.GetByTestId("nav-queue")).ToHaveTextAsync("工单队列");

        // And back.
        await second.GetByTestId("language-switch-button").ClickAsync();
        await Assertions.Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(second.GetByTestId("nav-queue")).ToHaveTextAsync("Queue");
    }

    [Fact]
    public async Task ChineseBrowser_GetsChinese_UntilTheUserChoosesOtherwise()
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.Agent];
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await SignInAsync(page, username, password);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("nav-queue")).ToHaveTextAsync("工单队列");
    }
}
