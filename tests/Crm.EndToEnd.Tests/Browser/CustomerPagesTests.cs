using System.Text.RegularExpressions;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

[Collection(BrowserStackCollection.Name)]
public sealed partial class CustomerPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Agent_CreatesCustomerAndAddsNote_SeesThemInArchiveAndList()
    {
        var testTenant = await stack.NewTenantAsync();
        var tenant = testTenant.Id;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // Straight to the tenant's page: the sign-in form comes first, then the page asked for.
        await page.GotoAsync($"t/{tenant}/customers");
        await SignInAsync(page, testTenant.Users[Role.Agent].Username, testTenant.Users[Role.Agent].Password);
        await page.WaitForURLAsync($"**/t/{tenant}/customers");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("no-customers")).ToBeVisibleAsync();
        await page.GetByTestId("new-customer").ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant}/customers/new");
        await WaitInteractiveAsync(page);

        // Bad input first: the form keeps what was typed and says what is wrong, at the field.
        await Input(page, "field-displayName").FillAsync("Browser <i>Test</i>");
        await Input(page, "field-email").FillAsync("not-an-email");
        await page.GetByTestId("save-customer").ClickAsync();
        await Assertions.Expect(page.GetByText("Not a valid email address.")).ToBeVisibleAsync();
        Assert.EndsWith("/customers/new", page.Url);

        await Input(page, "field-email").FillAsync("agent.test@example.com");
        await page.GetByTestId("save-customer").ClickAsync();
        await page.WaitForURLAsync(CustomerUrl());
        await WaitInteractiveAsync(page);

        // Markup typed by a user is shown as text, never rendered.
        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync("Browser <i>Test</i>");
        Assert.Equal(0, await page.GetByTestId("customer-name").Locator("i").CountAsync());
        await Assertions.Expect(page.GetByTestId("channel").First).ToContainTextAsync("agent.test@example.com");

        await Input(page, "note-summary").FillAsync("Called back about the refund");
        await page.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("archive-entry")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("archive-entry").First).ToContainTextAsync("Called back about the refund");

        await page.GotoAsync($"t/{tenant}/customers");
        await Assertions.Expect(page.GetByTestId("customer-link")).ToHaveTextAsync("Browser <i>Test</i>");
    }

    [Fact]
    public async Task UnknownCustomer_ShowsNotFound()
    {
        var tenant = await stack.NewTenantAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"t/{tenant.Id}/customers/0123456789abcdef0123456789abcdef");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);

        await Assertions.Expect(page.GetByTestId("customer-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPassword_StaysOnSignInWithAMessage()
    {
        var tenant = await stack.NewTenantAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"t/{tenant.Id}/customers");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, "not the password");

        await Assertions.Expect(page.GetByTestId("sign-in-failed")).ToBeVisibleAsync();
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task AgentOfAnotherTenant_SeesForbiddenAndNoCustomer()
    {
        var mine = await stack.NewTenantAsync();
        var theirs = await stack.NewTenantAsync();
        var created = await CrmStackFixture.ReadAsync<CustomerView>(await theirs.Agent.PostAsJsonAsync(
            $"api/tenants/{theirs.Id}/customers", new { displayName = "Secret Customer", channels = Array.Empty<object>() }));
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{mine.Id}/customers");
        await SignInAsync(page, mine.Users[Role.Agent].Username, mine.Users[Role.Agent].Password);
        await page.WaitForURLAsync($"**/t/{mine.Id}/customers");

        foreach (var path in new[] { $"t/{theirs.Id}/customers", $"t/{theirs.Id}/customers/{created.CustomerId}", $"t/{theirs.Id}/customers/new" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
            Assert.DoesNotContain("Secret Customer", await page.ContentAsync());
        }
    }

    [Fact]
    public async Task Analyst_CanReadButNotCreateOrEdit()
    {
        var tenant = await stack.NewTenantAsync();
        var created = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "Wang Fang", channels = Array.Empty<object>() }));
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/customers/{created.CustomerId}");
        await SignInAsync(page, tenant.Users[Role.Analyst].Username, tenant.Users[Role.Analyst].Password);
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("profile-card")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("edit-customer").CountAsync());
        Assert.Equal(0, await page.GetByTestId("note-form").CountAsync());
        await page.GotoAsync($"t/{tenant.Id}/customers/new");
        await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var tenant = await stack.NewTenantAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/customers");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await WaitInteractiveAsync(page);

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await page.GotoAsync($"t/{tenant.Id}/customers");

        await Assertions.Expect(page.GetByTestId("sign-in-form")).ToBeVisibleAsync();
    }

    [GeneratedRegex("/customers/[0-9a-f]{32}$")]
    private static partial Regex CustomerUrl();
}
