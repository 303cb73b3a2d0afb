using Microsoft.Playwright;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>What every browser test does with a page: sign in, wait for the interactive circuit, find an input.</summary>
internal static class Pages
{
    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByTestId("username").FillAsync(username);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    // MudBlazor puts the test id on the input itself or on its wrapper depending on the component.
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea").First;
}
