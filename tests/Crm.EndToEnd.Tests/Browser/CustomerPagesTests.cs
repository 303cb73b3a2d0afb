using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Crm.EndToEnd.Tests.Browser;

[Collection(StackCollection.Name)]
public sealed partial class CustomerPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Agent_CreatesCustomerAndAddsNote_SeesThemInArchiveAndList()
    {
        var tenant = CrmStackFixture.NewTenant();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"t/{tenant}/customers");
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
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"t/{CrmStackFixture.NewTenant()}/customers/0123456789abcdef0123456789abcdef");

        await Assertions.Expect(page.GetByTestId("customer-not-found")).ToBeVisibleAsync();
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    // MudBlazor puts the test id on the input itself or on its wrapper depending on the component.
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    [GeneratedRegex("/customers/[0-9a-f]{32}$")]
    private static partial Regex CustomerUrl();
}
