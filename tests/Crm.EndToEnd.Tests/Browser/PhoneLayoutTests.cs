using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>At 390 px (a phone): the menu folds away behind a toggle, and the work pages never scroll sideways.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class PhoneLayoutTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task QueueCaseAndCustomerPages_At390px_FitTheScreen_AndTheMenuToggles(string locale)
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.TeamLead];
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers",
            new { displayName = "Zhang Min", tags = new[] { "repeat-buyer", "vip-candidate" }, channels = new[] { new { kind = "Email", value = "zhang.min.long.address@example.com" } } }));
        var requestId = Guid.NewGuid().ToString("N");
        var caseId = CaseKey.IdForRequest(requestId);
        var grain = stack.ClientServices.GetRequiredService<IClusterClient>().GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, caseId));
        await grain.OpenAsync(new NewCase(customer.CustomerId, CaseKind.AfterSales, "The parcel arrived crushed and the kettle inside is broken", "Reported by phone.",
            Channel: CaseChannel.Phone, AfterSalesType: AfterSalesType.Refund, OrderReference: "SO-2026-12-01-000123", RequestId: requestId), username);
        await grain.ReplyAsync("We are sorry: a refund is on its way.", null, username);

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.BaseAddress.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, username, password);

        foreach (var path in new[] { $"t/{tenant.Id}/queue", $"t/{tenant.Id}/cases/{caseId}", $"t/{tenant.Id}/customers/{customer.CustomerId}" })
        {
            await page.GotoAsync(path);
            await WaitInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var (scrollWidth, innerWidth) = await WidthsAsync(page);
            Assert.True(scrollWidth <= innerWidth, $"{path} in {locale} is {scrollWidth}px wide on a {innerWidth}px screen");

            await Assertions.Expect(page.GetByTestId("nav-queue")).Not.ToBeInViewportAsync();
            await page.GetByTestId("menu-toggle").ClickAsync();
            await Assertions.Expect(page.GetByTestId("nav-queue")).ToBeInViewportAsync();
            await page.GetByTestId("menu-toggle").ClickAsync(new LocatorClickOptions { Force = true });
            await Assertions.Expect(page.GetByTestId("nav-queue")).Not.ToBeInViewportAsync();
        }
    }

    [Fact]
    public async Task Queue_At1366px_KeepsTheMenuOpenBesideThePage()
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.Agent];
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, username, password);
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("nav-queue")).ToBeInViewportAsync();
        var (scrollWidth, innerWidth) = await WidthsAsync(page);
        Assert.True(scrollWidth <= innerWidth);
    }

    private static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
