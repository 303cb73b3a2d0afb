using Crm.Contracts.Access;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The tenant admin's users and roles page, in Chinese, in real Chromium.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class UserPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TenantAdmin_CreatesResetsAndRemovesAUser_AndCannotLeaveTheTenantWithoutAnAdmin()
    {
        var tenant = await stack.NewTenantAsync();
        var admin = tenant.Users[Role.TenantAdmin];
        var newcomer = $"new-{tenant.Id}";
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/users");
        await SignInAsync(page, admin.Username, admin.Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/users");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("nav-users")).ToBeVisibleAsync();
        var own = page.Locator($"[data-testid=user-row][data-username={admin.Username}]");
        await Assertions.Expect(own.GetByTestId("user-roles")).ToHaveTextAsync("租户管理员");
        await Assertions.Expect(own.GetByTestId("remove-user")).ToHaveCountAsync(0);

        // Create: the one-time password is shown once, and the user has the roles ticked.
        var form = page.GetByTestId("new-user");
        await Input(page, "new-username").FillAsync(newcomer);
        await Input(page, "new-display-name").FillAsync("新同事");
        await form.GetByLabel("客服专员").UncheckAsync(new() { Force = true });
        await form.GetByLabel("数据分析师").CheckAsync(new() { Force = true });
        await page.GetByTestId("create-user").ClickAsync();
        var password = page.GetByTestId("one-time-password-value");
        await Assertions.Expect(password).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\S{12,}$"));
        var first = await password.TextContentAsync();
        var row = page.Locator($"[data-testid=user-row][data-username={newcomer}]");
        await Assertions.Expect(row.GetByTestId("user-roles")).ToHaveTextAsync("数据分析师");

        // Reset: a new password, shown once.
        await row.GetByTestId("reset-password").ClickAsync();
        await Assertions.Expect(password).Not.ToHaveTextAsync(first!);

        // The last tenant admin cannot give up the role: the same rule as the API, in Chinese.
        await own.GetByTestId("edit-roles").ClickAsync();
        await own.GetByLabel("租户管理员").UncheckAsync(new() { Force = true });
        await own.GetByLabel("客服专员").CheckAsync(new() { Force = true });
        await own.GetByTestId("save-roles").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("租户至少要保留一名租户管理员");

        // Remove: gone from the page and from the tenant.
        await row.GetByTestId("remove-user").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var members = await CrmStackFixture.ReadAsync<UserView[]>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/users"));
        Assert.DoesNotContain(members, m => m.Username == newcomer);
        Assert.Contains(members, m => m.Username == admin.Username && m.Memberships.Single(x => x.TenantId == tenant.Id).Roles.Contains(Role.TenantAdmin));
    }
}
