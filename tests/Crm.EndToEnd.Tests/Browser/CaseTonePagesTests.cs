using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The customer's tone in the agents' pages: the chip on queue rows and the case page, and "dissatisfied only".</summary>
public sealed partial class CasePagesTests
{
    [Fact]
    public async Task Agent_SeesTheAngryCustomerChip_FiltersDissatisfiedOnly_AndACalmMessageChangesIt()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await NewCustomerAsync(tenant, "Chen Jing");
        var angry = await OpenToneCaseAsync(tenant, customer.CustomerId, "快递一周没到", "物流太慢了，客服态度也很差，非常失望");
        var calm = await OpenToneCaseAsync(tenant, customer.CustomerId, "想确认一下尺码", "质量很好，发货快，客服很耐心，满意");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue");
        await WaitInteractiveAsync(page);

        var angryRow = page.Locator("tr", new() { Has = page.Locator($"[data-case-id='{angry.CaseId}']") });
        var calmRow = page.Locator("tr", new() { Has = page.Locator($"[data-case-id='{calm.CaseId}']") });
        await Assertions.Expect(angryRow.GetByTestId("queue-tone")).ToHaveTextAsync("Dissatisfied");
        await Assertions.Expect(angryRow.GetByTestId("queue-tone")).ToBeVisibleAsync();
        await Assertions.Expect(calmRow.GetByTestId("queue-tone")).Not.ToHaveAttributeAsync("data-tone", "Dissatisfied");

        await page.GetByTestId("filter-tone").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Dissatisfied only" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveAttributeAsync("data-case-id", angry.CaseId);

        await angryRow.GetByTestId("case-link").ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/cases/{angry.CaseId}");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("case-tone")).ToHaveAttributeAsync("data-tone", "Dissatisfied");

        await Input(page, "customer-message-text").FillAsync("质量很好，发货快，客服很耐心，满意");
        await page.GetByTestId("customer-message").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-tone")).Not.ToHaveAttributeAsync("data-tone", "Dissatisfied");
        Assert.NotEqual(Contracts.Scoring.CommentTone.Dissatisfied, (await CaseGrain(tenant, angry.CaseId).GetAsync())!.Tone!.Tone);
    }

    private async Task<CaseView> OpenToneCaseAsync(TestTenant tenant, string customerId, string subject, string description)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var opening = await CaseGrain(tenant, CaseKey.IdForRequest(requestId)).OpenAsync(
            new NewCase(customerId, CaseKind.Complaint, subject, description, Channel: CaseChannel.Chat, RequestId: requestId),
            tenant.Users[Role.Agent].Username);
        return opening.Case;
    }
}
