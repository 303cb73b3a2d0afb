using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The support agents' case pages on the real stack, set up through the API and the front end's own cluster client.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed partial class CasePagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private IClusterClient Cluster => stack.ClientServices.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task Agent_TakesACaseFromQueueToResolved_HistoryAndArchiveShowEachStep()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Users[Role.Agent].Username;
        var customer = await NewCustomerAsync(tenant, "Li Lei");
        await Cluster.GetGrain<IServiceDeskGrain>(tenant.Id).SaveMacroAsync(
            null, new MacroInput("Ask for a photo", "Please send us a photo of the damaged kettle."), tenant.Users[Role.TeamLead].Username);
        var opened = await OpenCaseAsync(tenant, customer.CustomerId, "Kettle arrived cracked");
        var caseId = opened.CaseId;

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/queue");
        await SignInAsync(page, agent, tenant.Users[Role.Agent].Password);
        await page.WaitForURLAsync($"**/t/{tenant.Id}/queue");
        await WaitInteractiveAsync(page);

        // The countdown is live: it moves without a reload.
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-case-id='{caseId}']") });
        var countdown = row.GetByTestId("queue-countdown");
        await Assertions.Expect(countdown).ToContainTextAsync("left");
        var before = await countdown.TextContentAsync();
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(before!, new() { Timeout = 4000 });

        await row.GetByTestId("case-link").ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/cases/{caseId}");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("case-subject")).ToHaveTextAsync("Kettle arrived cracked");

        await page.GetByTestId("assign-me").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-assignee")).ToHaveTextAsync(agent);

        await page.GetByTestId("macro-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("macro-item").Filter(new() { HasText = "Ask for a photo" }).ClickAsync();
        await Assertions.Expect(Input(page, "reply-text")).ToHaveValueAsync("Please send us a photo of the damaged kettle.");
        await page.GetByTestId("reply-wait").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Waiting on customer");
        await Assertions.Expect(page.GetByTestId("sla-first-response-countdown")).ToContainTextAsync("met");

        await Input(page, "customer-message-text").FillAsync("Photo sent by email, the spout is broken.");
        await page.GetByTestId("customer-message").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("In progress");

        await page.GetByTestId("action-Resolve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Resolved");

        var history = page.GetByTestId("history-entry");
        await Assertions.Expect(history.Filter(new() { HasText = $"Assigned to {agent}" })).ToHaveCountAsync(1);
        await Assertions.Expect(history.Filter(new() { HasText = "Reply to the customer" })).ToContainTextAsync("Please send us a photo of the damaged kettle.");
        await Assertions.Expect(history.Filter(new() { HasText = "Status New → Waiting on customer" })).ToHaveCountAsync(1);
        await Assertions.Expect(history.Filter(new() { HasText = "The customer wrote" })).ToContainTextAsync("the spout is broken");
        await Assertions.Expect(history.Filter(new() { HasText = "Status Waiting on customer → In progress" })).ToHaveCountAsync(1);
        await Assertions.Expect(history.Filter(new() { HasText = "Status In progress → Resolved" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("customer-archive").GetByTestId("archive-entry").Filter(new() { HasText = "Please send us a photo of the damaged kettle." }))
            .ToHaveCountAsync(1);

        await page.GotoAsync($"t/{tenant.Id}/queue");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"[data-case-id='{caseId}']").CountAsync());
    }

    [Fact]
    public async Task NewCaseForm_EmptySubjectThenDoubleSubmit_ShowsFieldErrorThenMakesExactlyOneCase()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await NewCustomerAsync(tenant, "Han Meimei");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/customers/{customer.CustomerId}");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await WaitInteractiveAsync(page);

        // From the customer: the form comes with the customer filled in.
        await page.GetByTestId("new-case").ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/cases/new?customerId={customer.CustomerId}");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("picked-customer")).ToHaveAttributeAsync("data-customer-id", customer.CustomerId);
        await Assertions.Expect(page.GetByTestId("picked-customer")).ToHaveTextAsync("Han Meimei");

        await Input(page, "field-description").FillAsync("The parcel never came.");
        await page.GetByTestId("save-case").ClickAsync();
        // The error is at the subject, and only there: the description was given.
        await Assertions.Expect(page.Locator(".mud-input-control", new() { Has = page.Locator("[data-testid=field-subject]") })).ToContainTextAsync("Required.");
        await Assertions.Expect(page.GetByText("Required.", new() { Exact = true })).ToHaveCountAsync(1);
        Assert.Contains("/cases/new", page.Url);

        await Input(page, "field-subject").FillAsync("Where is my parcel?");
        // Two clicks in the same instant, both sent before the page can disable the button.
        await Input(page, "field-subject").BlurAsync();
        await page.EvaluateAsync("() => { const b = document.querySelector('[data-testid=save-case]'); b.click(); b.click(); }");
        await page.WaitForURLAsync(CaseUrl());
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("case-subject")).ToHaveTextAsync("Where is my parcel?");

        var queue = await Cluster.GetGrain<ICaseQueueGrain>(tenant.Id).ListAsync(new CaseQueueQuery(PageSize: 100));
        var only = Assert.Single(queue.Items);
        Assert.EndsWith($"/cases/{only.CaseId}", page.Url);

        await page.GotoAsync($"t/{tenant.Id}/queue");
        await Assertions.Expect(page.GetByTestId("case-link")).ToHaveTextAsync("Where is my parcel?");
    }

    [Fact]
    public async Task TeamLead_SeesAnAgentsEscalation_WithTheNotification()
    {
        var tenant = await stack.NewTenantAsync();
        var agent = tenant.Users[Role.Agent].Username;
        var customer = await NewCustomerAsync(tenant, "Zhang Wei");
        var opened = await OpenCaseAsync(tenant, customer.CustomerId, "Charged twice for one order");
        await CaseGrain(tenant, opened.CaseId).EscalateAsync("Customer is about to post on social media", agent);
        var quiet = await OpenCaseAsync(tenant, customer.CustomerId, "Question about sizes");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/escalations");
        await SignInAsync(page, tenant.Users[Role.TeamLead].Username, tenant.Users[Role.TeamLead].Password);
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("escalated-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("escalated-row")).ToContainTextAsync("Charged twice for one order");
        Assert.Equal(0, await page.Locator($"[data-case-id='{quiet.CaseId}']").CountAsync());
        // The feed refreshes itself: the notice may be delivered a moment after the escalation.
        await Assertions.Expect(page.GetByTestId("notification").Filter(new() { HasText = $"escalated by {agent}" }))
            .ToContainTextAsync("Customer is about to post on social media", new() { Timeout = 25_000 });
    }

    [Fact]
    public async Task TenantAdmin_ChangesFirstResponseTarget_NewCaseShowsNewTargetAndVersion()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await NewCustomerAsync(tenant, "Wang Fang");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/service-desk");
        await SignInAsync(page, tenant.Users[Role.TenantAdmin].Username, tenant.Users[Role.TenantAdmin].Password);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("sla-policy-current")).ToHaveTextAsync("version 1");

        await Input(page, "field-firstResponse-hours").FillAsync("3");
        await Input(page, "field-firstResponse-minutes").FillAsync("15");
        await page.GetByTestId("save-sla-policy").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sla-policy-current")).ToHaveTextAsync("version 2");
        await Assertions.Expect(page.GetByTestId("sla-policy-version-row")).ToHaveCountAsync(2);

        var opened = await OpenCaseAsync(tenant, customer.CustomerId, "Screen flickers");
        await page.GotoAsync($"t/{tenant.Id}/cases/{opened.CaseId}");
        await Assertions.Expect(page.GetByTestId("sla-policy-version")).ToHaveTextAsync("policy v2");
        await Assertions.Expect(page.GetByTestId("sla-first-response-target")).ToHaveTextAsync("target 3h 15m");
    }

    [Fact]
    public async Task TenantAdmin_SetsTheWebhook_SeesTheSecretOnceAndBadUrlsRefused()
    {
        var tenant = await stack.NewTenantAsync();
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/service-desk");
        await SignInAsync(page, tenant.Users[Role.TenantAdmin].Username, tenant.Users[Role.TenantAdmin].Password);
        await WaitInteractiveAsync(page);

        await Input(page, "webhook-url").FillAsync("http://example.com/hooks");
        await page.GetByTestId("save-webhook").ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook")).ToContainTextAsync("The URL must use https");
        Assert.Null((await Cluster.GetGrain<IWebhookGrain>(tenant.Id).GetStatusAsync()).Url);

        await Input(page, "webhook-url").FillAsync("https://hooks.example.com/crm");
        await page.GetByTestId("save-webhook").ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-secret")).ToContainTextAsync("shown once");
        var secret = (await page.GetByTestId("webhook-secret").Locator("code").TextContentAsync())!;
        Assert.Matches("^[0-9a-f]{64}$", secret);
        var status = await Cluster.GetGrain<IWebhookGrain>(tenant.Id).GetStatusAsync();
        Assert.Equal(("https://hooks.example.com/crm", secret[^4..]), (status.Url, status.SecretHint));

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("webhook")).ToContainTextAsync($"ends in {secret[^4..]}");
        Assert.DoesNotContain(secret, await page.ContentAsync());
    }

    [Fact]
    public async Task Agent_ReTriagesACaseAsMajor_ResolutionTargetBecomes24Hours()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await NewCustomerAsync(tenant, "Zhou Lei");
        var opened = await OpenCaseAsync(tenant, customer.CustomerId, "Checkout down for all users");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/cases/{opened.CaseId}");
        await SignInAsync(page, tenant.Users[Role.Agent].Username, tenant.Users[Role.Agent].Password);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("sla-resolution-target")).ToHaveTextAsync("target 4h");

        await page.GetByTestId("triage-severity").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Major" }).ClickAsync();
        await page.GetByTestId("triage").ClickAsync();

        await Assertions.Expect(page.GetByTestId("sla-resolution-target")).ToHaveTextAsync("target 1d");
        Assert.Equal(CaseSeverity.Major, (await CaseGrain(tenant, opened.CaseId).GetAsync())!.Severity);
    }

    private ICaseGrain CaseGrain(TestTenant tenant, string caseId) => Cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, caseId));

    private async Task<CustomerView> NewCustomerAsync(TestTenant tenant, string name) =>
        await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = name, channels = Array.Empty<object>() }));

    private async Task<CaseView> OpenCaseAsync(TestTenant tenant, string customerId, string subject)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var opening = await CaseGrain(tenant, CaseKey.IdForRequest(requestId)).OpenAsync(
            new NewCase(customerId, CaseKind.Complaint, subject, "Reported by phone.", Channel: CaseChannel.Phone, RequestId: requestId),
            tenant.Users[Role.Agent].Username);
        return opening.Case;
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });

    [GeneratedRegex("/cases/r[0-9a-f]{31}$")]
    private static partial Regex CaseUrl();
}
