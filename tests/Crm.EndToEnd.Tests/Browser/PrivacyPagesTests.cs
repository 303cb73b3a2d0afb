using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

[Collection(BrowserStackCollection.Name)]
public sealed class PrivacyPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Script = "<script>window.__xss=1</script>";
    private const string Image = "<img src=x onerror=window.__xss=1>";

    [Fact]
    public async Task EveryFreeTextField_ShowsScriptAndMarkupAsText()
    {
        var tenant = await stack.NewTenantAsync();
        var page = await SignedInPageAsync(tenant, Role.Agent, $"t/{tenant.Id}/customers/new");

        await Input(page, "field-displayName").FillAsync("Xss " + Script + Image);
        await Input(page, "field-externalRef").FillAsync(Image);
        await Input(page, "field-segment").FillAsync(Image);
        await Input(page, "field-tags").FillAsync(Image);
        await Input(page, "field-email").FillAsync("xss@example.com");
        await page.GetByTestId("save-customer").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/customers/[0-9a-f]{32}$"));
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Input(page, "note-summary").FillAsync(Image + Script);
        await page.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("archive-entry")).ToHaveCountAsync(2);

        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync("Xss " + Script + Image);
        await Assertions.Expect(page.GetByTestId("archive-entry").First).ToContainTextAsync(Image + Script);
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        await page.GotoAsync($"t/{tenant.Id}/customers");
        await Assertions.Expect(page.GetByTestId("customer-link")).ToHaveTextAsync("Xss " + Script + Image);
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss"));
    }

    [Fact]
    public async Task Agent_FindsACustomerByPhone_AdminErasesThem()
    {
        var tenant = await stack.NewTenantAsync();
        var created = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "Lookup Person",
            channels = new[] { new { kind = "Phone", value = "+86 137 1111 2222" } },
        }));
        await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new { displayName = "Someone Else", channels = Array.Empty<object>() });

        var agent = await SignedInPageAsync(tenant, Role.Agent, $"t/{tenant.Id}/customers");
        await Assertions.Expect(agent.GetByTestId("customer-link")).ToHaveCountAsync(2);
        await Input(agent, "lookup-value").FillAsync("+86 137-1111-2222");
        await agent.GetByTestId("lookup").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("customer-link")).ToHaveCountAsync(1);
        await Assertions.Expect(agent.GetByTestId("customer-link")).ToHaveTextAsync("Lookup Person");

        var admin = await SignedInPageAsync(tenant, Role.TenantAdmin, $"t/{tenant.Id}/customers/{created.CustomerId}");
        await admin.GetByTestId("erase-customer").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Erase", Exact = true }).ClickAsync();

        await Assertions.Expect(admin.GetByTestId("customer-erased")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("customer-name")).ToHaveTextAsync("Erased customer");
        Assert.DoesNotContain("Lookup Person", await admin.ContentAsync());
        Assert.Equal(0, await agent.Context.Pages[0].GetByTestId("erase-customer").CountAsync());
    }

    private async Task<IPage> SignedInPageAsync(TestTenant tenant, Role role, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByTestId("username").FillAsync(tenant.Users[role].Username);
        await page.GetByTestId("password").FillAsync(tenant.Users[role].Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync("**/" + path);
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }
}
