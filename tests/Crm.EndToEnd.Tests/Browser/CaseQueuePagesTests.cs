using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The work queue as agents use it: the customer and age columns, filters kept in the URL, and bulk actions.</summary>
public sealed partial class CasePagesTests
{
    [Fact]
    public async Task Queue_FiltersLiveInTheUrl_ReloadAndBackKeepThem_RowsShowCustomerAndAge()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await NewCustomerAsync(tenant, "Zhao Lei");
        var angry = await OpenToneCaseAsync(tenant, customer.CustomerId, "快递一周没到", "物流太慢了，客服态度也很差，非常失望");
        var calm = await OpenToneCaseAsync(tenant, customer.CustomerId, "想确认一下尺码", "质量很好，发货快，客服很耐心，满意");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(2);
        var angryRow = page.Locator("tr", new() { Has = page.Locator($"[data-case-id='{angry.CaseId}']") });
        await Assertions.Expect(angryRow.GetByTestId("queue-customer")).ToHaveTextAsync("Zhao Lei");
        await Assertions.Expect(angryRow.GetByTestId("queue-age")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+m$"));

        await page.GetByTestId("filter-tone").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Dissatisfied only" }).ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue?tone=Dissatisfied");
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(1);

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveAttributeAsync("data-case-id", angry.CaseId);

        await page.GetByTestId("case-link").ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/cases/{angry.CaseId}");
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue?tone=Dissatisfied");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(1);

        // Back once more is the queue before the filter: both cases again.
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue");
        await Assertions.Expect(page.Locator($"[data-case-id='{calm.CaseId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Queue_BulkAssignAndStatus_EachRowThroughItsOwnCommand_WithAPerRowResult()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Users[Role.Agent].Username;
        var customer = await NewCustomerAsync(tenant, "Sun Li");
        var fresh = await OpenCaseAsync(tenant, customer.CustomerId, "Wrong colour sent");
        var waiting = await OpenCaseAsync(tenant, customer.CustomerId, "Refund not received");
        await CaseGrain(tenant, waiting.CaseId).ReplyAsync("Which bank card did you pay with?", CaseAction.WaitOnCustomer, agent);

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, agent, tenant.Users[Role.Agent].Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(2);

        await SelectRowsAsync(page, fresh.CaseId, waiting.CaseId);
        await Assertions.Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("2 selected");
        await page.GetByTestId("bulk-assign").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=bulk-result][data-ok=true]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("queue-assignee").Filter(new() { HasText = agent })).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToHaveCountAsync(0);

        // Acknowledge fits the new case and not the one waiting on the customer: one done, one refused, each said.
        await SelectRowsAsync(page, fresh.CaseId, waiting.CaseId);
        await page.GetByTestId("bulk-action").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Acknowledge" }).ClickAsync();
        await page.GetByTestId("bulk-apply").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=bulk-result][data-case-id='{fresh.CaseId}']")).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(page.Locator($"[data-testid=bulk-result][data-case-id='{waiting.CaseId}']")).ToHaveAttributeAsync("data-ok", "false");
        await Assertions.Expect(page.Locator($"[data-testid=bulk-result][data-case-id='{waiting.CaseId}']")).ToContainTextAsync("Refund not received:");

        Assert.Equal(CaseStatus.Acknowledged, (await CaseGrain(tenant, fresh.CaseId).GetAsync())!.Status);
        Assert.Equal(CaseStatus.WaitingOnCustomer, (await CaseGrain(tenant, waiting.CaseId).GetAsync())!.Status);
        Assert.Equal(agent, (await CaseGrain(tenant, fresh.CaseId).GetAsync())!.Assignee);
        Assert.Equal(agent, (await CaseGrain(tenant, waiting.CaseId).GetAsync())!.Assignee);
    }

    private static async Task SelectRowsAsync(IPage page, params string[] caseIds)
    {
        foreach (var caseId in caseIds)
        {
            var row = page.Locator("tr", new() { Has = page.Locator($"[data-case-id='{caseId}']") });
            await row.Locator("input[type=checkbox]").CheckAsync();
        }
    }
}
