using System.Net;
using Crm.Contracts.Access;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

[Collection(BrowserStackCollection.Name)]
public sealed class AccountPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ChangePassword_WeakIsRefused_ThenSignsInAgainWithTheNewOne()
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, token) = tenant.Users[Role.Agent];
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/password");
        await page.GetByTestId("username").FillAsync(username);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync("**/account/password");
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await Input(page, "current-password").FillAsync(password);
        await Input(page, "new-password").FillAsync("short");
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByText("At least 12 characters.")).ToBeVisibleAsync();

        await Input(page, "new-password").FillAsync("seven green tea leaves");
        await page.GetByTestId("change-password").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByTestId("username").FillAsync(username);
        await page.GetByTestId("password").FillAsync("seven green tea leaves");
        await page.GetByTestId("sign-in").ClickAsync();

        await page.WaitForURLAsync($"**/t/{tenant.Id}/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("api/me")).StatusCode);
    }
}
