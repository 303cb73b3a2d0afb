using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>
/// The conversation-first case page (issue 9) in Chromium: the conversation with the composer below it and the
/// actions beside it at 1366 px, folded behind a toggle at 390 px; a macro's placeholders filled on insert; "merge
/// into" picked from the customer's other open cases.
/// </summary>
[Collection(BrowserStackCollection.Name)]
public sealed class CaseWorkspacePagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private IClusterClient Cluster => stack.ClientServices.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task CasePage_At1366px_ConversationBesideThePanel_MacroFilled_MergePickedFromTheCustomersCases()
    {
        var (tenant, customer) = await TenantWithCustomerAsync("王小明");
        var agent = tenant.Users[Role.Agent];
        await Cluster.GetGrain<IServiceDeskGrain>(tenant.Id).SaveMacroAsync(
            null, new MacroInput("Order check", "Hello {customer.name}, about order {case.orderReference}: {agent.name} here. {case.subject}?"), tenant.Users[Role.TeamLead].Username);
        var caseId = await OpenAsync(tenant, customer, "Kettle arrived cracked", orderReference: null);
        var older = await OpenAsync(tenant, customer, "Charger missing from the box", "SO-2026-0042");
        await Cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, caseId)).ReceiveCustomerMessageAsync("The spout is broken too.", agent.Username);

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/cases/{caseId}");
        await SignInAsync(page, agent.Username, agent.Password);
        await WaitInteractiveAsync(page);

        // The conversation is the main column, oldest first: the report, then the customer's message; the panel is beside it.
        var entries = page.GetByTestId("conversation").Locator("[data-testid=conversation-opening], [data-testid=history-entry]");
        await Assertions.Expect(entries.First).ToContainTextAsync("Reported by phone.");
        await Assertions.Expect(entries.Last).ToContainTextAsync("The spout is broken too.");
        var conversation = (await page.GetByTestId("conversation").BoundingBoxAsync())!;
        var panel = (await page.GetByTestId("case-panel").BoundingBoxAsync())!;
        var composer = (await page.GetByTestId("composer").BoundingBoxAsync())!;
        Assert.True(panel.X > conversation.X + conversation.Width - 1, $"panel at x={panel.X}, conversation ends at {conversation.X + conversation.Width}");
        Assert.True(composer.Y > conversation.Y + conversation.Height - 1, "the composer is below the conversation");
        await Assertions.Expect(page.GetByTestId("case-panel-toggle")).Not.ToBeVisibleAsync();

        // Inserted with the case's values; this case has no order reference, so that placeholder stays, and the page says so.
        await page.GetByTestId("macro-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("macro-item").Filter(new() { HasText = "Order check" }).ClickAsync();
        var agentName = await DisplayNameAsync(tenant, agent.Username);
        await Assertions.Expect(Input(page, "reply-text")).ToHaveValueAsync($"Hello 王小明, about order {{case.orderReference}}: {agentName} here. Kettle arrived cracked?");
        await Assertions.Expect(page.GetByTestId("macro-unfilled")).ToContainTextAsync("{case.orderReference}");
        await Input(page, "reply-text").FillAsync("Hello 王小明, we are sending a new kettle.");
        await Assertions.Expect(page.GetByTestId("macro-unfilled")).ToHaveCountAsync(0);
        await Input(page, "reply-text").PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("[data-testid=history-entry][data-type=Replied]")).ToContainTextAsync("we are sending a new kettle");
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Acknowledged");

        // Merge into: the customer's other open case, by subject, not a typed id.
        await page.GetByTestId("merge-target").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Charger missing from the box" }).ClickAsync();
        await page.GetByTestId("merge").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-merged-into")).ToHaveTextAsync(older);
        Assert.Equal(older, (await Cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, caseId)).GetAsync())!.MergedInto);
    }

    [Fact]
    public async Task CasePage_At390px_PanelFoldsBehindAToggle_ConversationAndComposerFit()
    {
        var (tenant, customer) = await TenantWithCustomerAsync("Zhang Min");
        var agent = tenant.Users[Role.Agent];
        var caseId = await OpenAsync(tenant, customer, "The parcel arrived crushed and the kettle inside is broken", "SO-2026-12-01-000123");

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/cases/{caseId}");
        await SignInAsync(page, agent.Username, agent.Password);
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("conversation")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("composer")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("case-actions")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("case-panel-toggle")).ToHaveTextAsync("操作与详情");

        await page.GetByTestId("case-panel-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-actions")).ToBeVisibleAsync();
        await page.GetByTestId("assign-me").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-assignee")).ToHaveTextAsync(agent.Username);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the case page is {widths[0]}px wide on a {widths[1]}px screen");
    }

    private async Task<string> DisplayNameAsync(TestTenant tenant, string username) =>
        (await CrmStackFixture.ReadAsync<UserView[]>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/users"))).Single(u => u.Username == username).DisplayName;

    private async Task<(TestTenant Tenant, string CustomerId)> TenantWithCustomerAsync(string name)
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = name, channels = Array.Empty<object>() }));
        return (tenant, customer.CustomerId);
    }

    private async Task<string> OpenAsync(TestTenant tenant, string customerId, string subject, string? orderReference)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var kind = orderReference is null ? CaseKind.Complaint : CaseKind.AfterSales;
        var opening = await Cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, CaseKey.IdForRequest(requestId))).OpenAsync(
            new NewCase(customerId, kind, subject, "Reported by phone.", Channel: CaseChannel.Phone, OrderReference: orderReference,
                AfterSalesType: orderReference is null ? null : AfterSalesType.Refund, RequestId: requestId),
            tenant.Users[Role.Agent].Username);
        return opening.Case.CaseId;
    }
}
