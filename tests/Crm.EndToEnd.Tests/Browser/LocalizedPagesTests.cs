using System.Net.Http.Json;
using System.Reflection;
using Crm.Client.Components.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>
/// Walks every tenant page (found by reflection, so a page added later is walked too) as every tenant role, in real
/// Chromium, once with an English and once with a Chinese browser, and fails on any visible text, title, label or
/// placeholder the Chinese page shows exactly as the English one does while holding an English word: a resource key,
/// a missing translation, a raw enum name or a hard-coded string. The tenant's data is seeded in Chinese, so what
/// stays the same in both is ours, not theirs.
/// </summary>
[Collection(BrowserStackCollection.Name)]
public sealed class LocalizedPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Customer = "王小明";

    [Fact]
    public async Task EveryTenantPage_EveryRole_ShowsNoEnglishInChinese()
    {
        var tenant = await stack.NewTenantAsync();
        var (customerId, caseId) = await SeedAsync(tenant);
        var surveyId = await SeedSurveyAsync(tenant, customerId);
        var pages = TenantPages();
        Assert.True(pages.Count >= 9, "the tenant pages are found");
        // The search page with a query, so its grouped results (and, per role, what it may not find) show.
        pages.Add("/t/{TenantId}/search?q=" + Uri.EscapeDataString(Customer));

        // The roles walk at once, each with its English and Chinese page side by side: a page's load is mostly
        // waiting (the circuit, then half a second of network idle), and ten pages in flight overlap those waits.
        var paths = pages.Select(route => route.Replace("{TenantId}", tenant.Id).Replace("{CustomerId}", customerId)
            .Replace("{CaseId}", caseId).Replace("{SurveyId}", surveyId).TrimStart('/')).ToList();
        var failures = (await Task.WhenAll(AccessRules.TenantRoles.Select(role => UntranslatedAsAsync(tenant, role, paths)))).SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} untranslated texts:\n" + string.Join("\n", failures.Distinct()));
    }

    /// <summary>Every path as one role, in English and in Chinese: what the Chinese page left in English.</summary>
    private async Task<List<string>> UntranslatedAsAsync(TestTenant tenant, Role role, IReadOnlyList<string> paths)
    {
        var (username, password, _) = tenant.Users[role];
        await using var english = await SignedInAsync("en-US", username, password);
        await using var chinese = await SignedInAsync("zh-CN", username, password);
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var texts = await Task.WhenAll(VisibleTextsAsync(english, path), VisibleTextsAsync(chinese, path));
            failures.AddRange(UntranslatedText.Find(texts[0], texts[1], text => IsData(text, tenant)).Select(text => $"{path} as {role}: \"{text}\""));
        }

        return failures;
    }

    [Fact]
    public async Task UnknownUiPath_IsALocalizedPage_AndTheApiStaysProblemDetails()
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.Agent];
        await using var chinese = await SignedInAsync("zh-CN", username, password);
        var page = chinese.Pages[0];

        var response = await page.GotoAsync($"t/{tenant.Id}/nothing-here");

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        await Assertions.Expect(page.GetByTestId("status-page")).ToContainTextAsync("页面不存在");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var api = await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/no-such-thing");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Favicon_AndApiReference_NeedNothingFromTheInternet()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var elsewhere = new List<string>();
        var failed = new List<string>();
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal) && uri.Host != stack.BaseAddress.Host)
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                failed.Add($"{r.Status} {r.Url}");
            }
        };

        await page.GotoAsync("account/login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var icon = await page.GotoAsync("favicon.svg");
        Assert.Equal(200, icon!.Status);
        await page.GotoAsync("scalar");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Cases", new() { Timeout = 15_000 });

        Assert.Empty(elsewhere);
        Assert.Empty(failed);
    }

    private async Task<(string CustomerId, string CaseId)> SeedAsync(TestTenant tenant)
    {
        var cluster = stack.ClientServices.GetRequiredService<IClusterClient>();
        var agent = tenant.Users[Role.Agent].Username;
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers",
            new { displayName = Customer, segment = "华东", tags = new[] { "老客户" }, channels = new[] { new { kind = "Phone", value = "+86 138 0013 8000", preferred = true } } }));
        (await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers/{customer.CustomerId}/archive/notes", new { summary = "来电询问退款进度" })).EnsureSuccessStatusCode();

        async Task<string> OpenAsync(CaseKind kind, string subject, AfterSalesType? type = null)
        {
            var requestId = Guid.NewGuid().ToString("N");
            var id = CaseKey.IdForRequest(requestId);
            await cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, id)).OpenAsync(
                new NewCase(customer.CustomerId, kind, subject, "客户来电反映。", Category: "logistics-delivery", Channel: CaseChannel.Phone,
                    AfterSalesType: type, OrderReference: type is null ? null : "SO20261201001", RequestId: requestId), agent);
            return id;
        }

        var caseId = await OpenAsync(CaseKind.AfterSales, "快递外箱破损，要求退款", AfterSalesType.Refund);
        var grain = cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, caseId));
        await grain.AssignAsync(agent, agent);
        await grain.ReplyAsync("您好，已为您登记退款，请耐心等待。", CaseAction.WaitOnCustomer, agent);
        await grain.AddNoteAsync("已联系仓库核实。", agent);
        await grain.ReceiveCustomerMessageAsync("好的，谢谢。", agent);
        var escalated = await OpenAsync(CaseKind.Complaint, "客服态度差，要求主管处理");
        await cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenant.Id, escalated)).EscalateAsync("客户情绪激动", agent);
        await cluster.GetGrain<IServiceDeskGrain>(tenant.Id).SaveMacroAsync(null, new MacroInput("退款说明", "您好，退款将在 3 个工作日内原路退回。"), agent);
        return (customer.CustomerId, caseId);
    }

    /// <summary>A survey with a few responses (too few for figures, so both the figures' and the "too few" texts show) and a low rating's reason.</summary>
    private static async Task<string> SeedSurveyAsync(TestTenant tenant, string customerId)
    {
        const string surveyId = "s2026";
        var analyst = tenant.As(Role.Analyst);
        (await analyst.PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys", new { surveyId, name = "售后满意度调查" })).EnsureSuccessStatusCode();
        (await analyst.PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys/{surveyId}/responses", new
        {
            responses = new object[]
            {
                new { customerId, answeredAt = DateTimeOffset.UtcNow.AddHours(-2), csat = 5, nps = 10, comment = "物流很快" },
                new { customerId, answeredAt = DateTimeOffset.UtcNow.AddHours(-1), csat = 1, reason = "slow-response", comment = "回复太慢" },
            },
        })).EnsureSuccessStatusCode();
        return surveyId;
    }

    // The tenant's own data: its id, its users' names (made by the fixture in English) and what was seeded. A survey's
    // English texts are content too: the survey editor shows both languages' versions side by side. The audit log's
    // recorded values (usernames, ids, details as written) are marked data-recorded on the page and skipped.
    private static bool IsData(string text, TestTenant tenant) =>
        text.Contains(tenant.Id, StringComparison.Ordinal) || text.StartsWith("+86", StringComparison.Ordinal) || text.Contains("SO20261201001", StringComparison.Ordinal)
        || SurveyEnglishTexts.Contains(text);

    private static readonly HashSet<string> SurveyEnglishTexts =
    [
        Crm.Domain.Surveys.SurveyDefaults.Title.En, Crm.Domain.Surveys.SurveyDefaults.Intro.En,
        .. Crm.Domain.Surveys.SurveyDefaults.Dimensions.Select(d => d.Label.En), .. Crm.Domain.Surveys.SurveyDefaults.Reasons.Select(r => r.Label.En),
    ];

    private async Task<IBrowserContext> SignedInAsync(string locale, string username, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = locale });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await SignInAsync(page, username, password);
        return context;
    }

    private static async Task<string[]> VisibleTextsAsync(IBrowserContext context, string path)
    {
        var page = context.Pages[0];
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return await page.EvaluateAsync<string[]>(
            """
            () => {
              const out = new Set([document.title]);
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const text = walker.currentNode.textContent.trim();
                const el = walker.currentNode.parentElement;
                if (!text || !el || el.closest('script, style, [hidden], [data-recorded]') || el.getClientRects().length === 0) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden' || style.display === 'none') continue;
                out.add(text);
              }
              for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
                for (const name of ['placeholder', 'title', 'aria-label']) {
                  const value = el.getAttribute(name);
                  if (value && value.trim()) out.add(value.trim());
                }
              }
              for (const label of document.querySelectorAll('label')) { if (label.textContent.trim()) out.add(label.textContent.trim()); }
              return [...out];
            }
            """);
    }

    private static List<string> TenantPages() =>
    [
        .. typeof(Crm.Client.ClientHost).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TenantPage)) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Distinct(),
    ];
}
