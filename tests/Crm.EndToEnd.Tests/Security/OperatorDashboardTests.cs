using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Client.Infrastructure;
using Crm.Contracts.Access;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>Orleans' dashboard in the front end: the platform operator sees the cluster; nobody else gets in; grain state is never shown.</summary>
[Collection(StackCollection.Name)]
public sealed partial class OperatorDashboardTests(CrmStackFixture stack)
{
    private static readonly string Dashboard = OperatorDashboard.Path.TrimStart('/') + "/";

    [Fact]
    public async Task Dashboard_AsPlatformOperator_ShowsTheClusterButNoGrainState()
    {
        using var browser = await SignInAsync("admin", stack.AdminPassword);

        var page = await browser.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The silo the stack runs is listed, with its activations counted (the dashboard collects every few seconds).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement counters;
        do
        {
            counters = JsonDocument.Parse(await browser.GetStringAsync(Dashboard + "DashboardCounters")).RootElement;
        }
        while (counters.GetProperty("totalActiveHostCount").GetInt32() < 1 && DateTime.UtcNow < deadline && await Delay());

        Assert.True(counters.GetProperty("totalActiveHostCount").GetInt32() >= 1, counters.ToString());
        Assert.True(counters.GetProperty("totalActivationCount").GetInt32() >= 1, counters.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Dashboard + "GrainState?grainId=x&grainType=y")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Dashboard + "Trace")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_AsTenantAdminOrAnonymous_IsRefused()
    {
        var tenant = await stack.NewTenantAsync();
        var admin = tenant.Users[Role.TenantAdmin];
        using var browser = await SignInAsync(admin.Username, admin.Password, followRedirects: false);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.BaseAddress };

        foreach (var path in new[] { Dashboard, Dashboard + "DashboardCounters", Dashboard + "ClusterStats" })
        {
            var denied = await browser.GetAsync(path);
            Assert.True(denied.StatusCode is HttpStatusCode.Forbidden || denied.Headers.Location?.ToString().Contains("/account/denied", StringComparison.Ordinal) == true,
                $"{path} as a tenant admin answered {(int)denied.StatusCode} {denied.Headers.Location}");
            Assert.DoesNotContain("totalActivationCount", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var signIn = await anonymous.GetAsync(path);
            Assert.Contains("/account/login", signIn.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        }
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }

    /// <summary>Signs in through the real form, antiforgery token and all; the client keeps the cookie.</summary>
    private async Task<HttpClient> SignInAsync(string username, string password, bool followRedirects = true)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects })
        {
            BaseAddress = stack.BaseAddress,
        };
        var form = await browser.GetStringAsync("account/login");
        var response = await browser.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["username"] = username, ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        Assert.DoesNotContain("failed=1", (response.Headers.Location ?? response.RequestMessage!.RequestUri!).ToString());
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
