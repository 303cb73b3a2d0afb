using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The account manager's report page and the HTML report itself, in Chinese, in real Chromium.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class ReportPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AccountManager_OpensThisMonthsReport_InChinese()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "Chen Jing", channels = Array.Empty<object>() }));
        var cluster = stack.ClientServices.GetRequiredService<IClusterClient>();
        for (var i = 0; i < 2; i++)
        {
            var requestId = Guid.NewGuid().ToString("N");
            await cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, CaseKey.IdForRequest(requestId))).OpenAsync(
                new NewCase(customer.CustomerId, CaseKind.Complaint, "Late parcel", "Reported by phone.", Channel: CaseChannel.Phone, RequestId: requestId),
                tenant.Users[Role.Agent].Username);
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var manager = tenant.Users[Role.AccountManager];
        await page.GotoAsync($"t/{tenant.Id}/reports");
        await SignInAsync(page, manager.Username, manager.Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/reports");
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("服务报告");
        await Assertions.Expect(page.GetByTestId("nav-reports")).ToBeVisibleAsync();
        var frame = page.FrameLocator("[data-testid=report-frame]");
        await Assertions.Expect(frame.Locator("h1")).ToContainTextAsync("合同服务报告");

        // The period in progress holds the two cases opened just now.
        await page.GetByTestId("period").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "进行中" }).ClickAsync();
        await Assertions.Expect(frame.Locator("#table-volumes tbody tr").First).ToContainTextAsync("新建工单");
        await Assertions.Expect(frame.Locator("#table-volumes tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(frame.Locator("#table-by-channel")).ToContainTextAsync("电话");
        await Assertions.Expect(frame.Locator("figure img")).ToHaveCountAsync(2);
        await Assertions.Expect(frame.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        var pdf = await page.GetByTestId("download-pdf").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(pdf!);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
    }

    [Fact]
    public async Task AccountManager_FindsAFinishedReportInTheInbox_AndOpensIt_InChinese()
    {
        var tenant = await stack.NewTenantAsync();
        // A finished report is made in the tenant's language.
        Assert.True((await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/language", new { language = "zh-CN" })).IsSuccessStatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await tenant.As(Role.AccountManager).PostAsync($"api/tenants/{tenant.Id}/reports/2026-11/finished", null)).StatusCode);

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var manager = tenant.Users[Role.AccountManager];
        await page.GotoAsync($"t/{tenant.Id}/reports/inbox");
        await SignInAsync(page, manager.Username, manager.Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/reports/inbox");
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.Locator("h5")).ToHaveTextAsync("报告收件箱");
        await Assertions.Expect(page.GetByTestId("nav-report-inbox")).ToBeVisibleAsync();
        var row = page.Locator("[data-testid=inbox-row][data-period='2026-11']");
        await Assertions.Expect(row).ToContainTextAsync("2026");
        await Assertions.Expect(row).ToContainTextAsync("中文");

        var html = await row.GetByTestId("inbox-html").GetAttributeAsync("href");
        var report = await context.NewPageAsync();
        await report.GotoAsync(html!);
        await Assertions.Expect(report.Locator("h1")).ToContainTextAsync("合同服务报告");
        await Assertions.Expect(report.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var csv = await report.APIRequest.GetAsync(html!.Replace("report.html", "tables/kpis.csv"));
        Assert.Equal(200, csv.Status);
        var pdf = await page.APIRequest.GetAsync((await row.GetByTestId("inbox-pdf").GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
    }

    [Fact]
    public async Task Agent_SeesNoReports()
    {
        var tenant = await stack.NewTenantAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/reports");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("nav-reports")).ToHaveCountAsync(0);
        var file = await page.APIRequest.GetAsync($"t/{tenant.Id}/reports/2026-11/report.html");
        Assert.Equal(403, file.Status);
        Assert.Equal(403, (await page.APIRequest.GetAsync($"t/{tenant.Id}/reports/inbox/2026-11/report.pdf")).Status);
        await Assertions.Expect(page.GetByTestId("nav-report-inbox")).ToHaveCountAsync(0);
    }
}
