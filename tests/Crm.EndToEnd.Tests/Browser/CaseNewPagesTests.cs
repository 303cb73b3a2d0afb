using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>"New case" with pickers: the customer found by phone or email, the assignee chosen from the tenant's agents.</summary>
public sealed partial class CasePagesTests
{
    [Fact]
    public async Task NewCase_AgentFindsTheCustomerByEmail_AndMayAssignOnlyThemselves()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Users[Role.Agent].Username;
        var lead = tenant.Users[Role.TeamLead].Username;
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "Liu Yang",
            channels = new[] { new { kind = "Email", value = "liu.yang@example.com", preferred = true } },
        }));

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/cases/new");
        await SignInAsync(page, agent, tenant.Users[Role.Agent].Password);
        await WaitInteractiveAsync(page);

        await Input(page, "field-customer-search").FillAsync("nobody@example.com");
        await page.GetByTestId("find-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-customer")).ToBeVisibleAsync();
        await Input(page, "field-customer-search").FillAsync("liu.yang@example.com");
        await page.GetByTestId("find-customer").ClickAsync();
        await page.GetByTestId("customer-option").Filter(new() { HasText = "Liu Yang" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("picked-customer")).ToHaveAttributeAsync("data-customer-id", customer.CustomerId);

        // Without cases.assign the choices are nobody and oneself: the team lead is not offered.
        await page.GetByTestId("field-assignee").ClickAsync();
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await Assertions.Expect(options.Filter(new() { HasText = lead })).ToHaveCountAsync(0);
        await options.Filter(new() { HasText = agent }).ClickAsync();

        await Input(page, "field-subject").FillAsync("Coupon not applied");
        await Input(page, "field-description").FillAsync("The 20 yuan coupon was not taken off the order.");
        await page.GetByTestId("save-case").ClickAsync();
        await page.WaitForURLAsync(CaseUrl());
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("case-assignee")).ToHaveTextAsync(agent);
        var only = Assert.Single((await Cluster.GetGrain<ICaseQueueGrain>(tenant.Id).ListAsync(new CaseQueueQuery(PageSize: 10))).Items);
        Assert.Equal((customer.CustomerId, agent), (only.CustomerId, only.Assignee));
    }

    [Fact]
    public async Task NewCase_TeamLeadMayAssignAnAgent()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Users[Role.Agent].Username;
        var customer = await NewCustomerAsync(tenant, "Gao Min");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/cases/new?customerId={customer.CustomerId}");
        await SignInAsync(page, tenant.Users[Role.TeamLead].Username, tenant.Users[Role.TeamLead].Password);
        await WaitInteractiveAsync(page);

        await page.GetByTestId("field-assignee").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = agent }).ClickAsync();
        await Input(page, "field-subject").FillAsync("Invoice title wrong");
        await Input(page, "field-description").FillAsync("Needs the company name on the invoice.");
        await page.GetByTestId("save-case").ClickAsync();
        await page.WaitForURLAsync(CaseUrl());
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("case-assignee")).ToHaveTextAsync(agent);
    }

    [Fact]
    public async Task CasePage_CtrlEnterInTheReplyBox_SendsTheReply()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await NewCustomerAsync(tenant, "Wu Tao");
        var opened = await OpenCaseAsync(tenant, customer.CustomerId, "Wrong address on the label");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/cases/{opened.CaseId}");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await WaitInteractiveAsync(page);

        await Input(page, "reply-text").FillAsync("We have corrected the address with the courier.");
        await Input(page, "reply-text").PressAsync("Control+Enter");

        await Assertions.Expect(page.GetByTestId("history-entry").Filter(new() { HasText = "Reply to the customer" }))
            .ToContainTextAsync("We have corrected the address with the courier.");
        await Assertions.Expect(Input(page, "reply-text")).ToHaveValueAsync("");
        var history = await CaseGrain(tenant, opened.CaseId).GetHistoryAsync(10, null);
        Assert.Single(history.Events, e => e.Type == Crm.Domain.Cases.CaseEventType.Replied);
    }
}
