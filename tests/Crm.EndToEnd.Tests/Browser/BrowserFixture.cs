using Microsoft.Playwright;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright. No browser is downloaded: ./test.sh installs the
/// `chromium` package, and a missing one is a failure, never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: run ./test.sh (it installs Debian's chromium) or set CRM_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // No network but loopback here: keep Chromium from reaching out at start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The patience of every page action and navigation in these tests (Playwright's default is 30 s).</summary>
    /// <remarks>
    /// The suite runs the three-silo failover tests beside the browser tests on 2 cores; two different browser tests
    /// each ran past 30 s once there. Longer only costs time when something is already wrong.
    /// </remarks>
    public static readonly float ActionTimeoutMs = 60_000;

    /// <summary>A browser context whose actions and navigations wait <see cref="ActionTimeoutMs"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
