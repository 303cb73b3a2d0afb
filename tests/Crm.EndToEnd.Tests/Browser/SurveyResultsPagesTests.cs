using System.Net.Http.Json;
using System.Text;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The analysts' survey pages in real Chromium, in Chinese: the results dashboard and the import upload.</summary>
[Collection(BrowserStackCollection.Name)]
public sealed class SurveyResultsPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SurveyId = "s2026";

    [Fact]
    public async Task Dashboard_ShowsFiguresWithNAndInterval_TooFewAsSuch_FiltersInTheAddress_AndDrillsDownMasked()
    {
        var tenant = await stack.NewTenantAsync();
        var customers = await CustomersAsync(tenant, 2);
        await SurveyAsync(tenant);
        // 40 overall ratings, 30 of them 4 or 5; NPS from only 10 of them, below the 30 a figure needs.
        var rows = Enumerable.Range(0, 40).Select(i => new
        {
            customerId = customers[i % 2],
            answeredAt = DateTimeOffset.UtcNow.AddHours(-1).AddSeconds(-i),
            csat = i < 30 ? 4 + i % 2 : 2,
            nps = i < 10 ? (int?)9 : null,
            reason = i >= 30 ? "slow-response" : null,
            comment = i == 35 ? "等了三天没人回复，请打 13800138000 联系我" : null,
        });
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys/{SurveyId}/responses", new { responses = rows })).EnsureSuccessStatusCode();

        var page = await SignedInAsync(tenant, Role.Analyst, $"t/{tenant.Id}/surveys");
        await Assertions.Expect(page.GetByTestId("nav-surveys")).ToBeVisibleAsync();
        await page.GetByTestId("survey-link").ClickAsync();
        await page.WaitForURLAsync($"**/t/{tenant.Id}/surveys/{SurveyId}");
        await WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("figure-csat-value")).ToHaveTextAsync("75.0%");
        await Assertions.Expect(page.GetByTestId("figure-csat-n")).ToContainTextAsync("40");
        await Assertions.Expect(page.GetByTestId("figure-csat-interval")).ToContainTextAsync("95%");
        await Assertions.Expect(page.GetByTestId("figure-nps-few")).ToHaveTextAsync("样本不足");
        await Assertions.Expect(page.GetByTestId("figure-nps-n")).ToContainTextAsync("10");
        await Assertions.Expect(page.Locator("[data-testid=trend] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("trend-row")).ToHaveCountAsync(1);

        // Drill-down from the rating 2 to its responses; the analyst sees the comment without the phone number.
        await page.GetByTestId("drill-csat-2").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("drill=1.*csat=2"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("drill-csat")).ToHaveCountAsync(10);
        var comment = page.GetByTestId("drill-comment").Filter(new() { HasText = "等了三天" });
        await Assertions.Expect(comment).ToHaveCountAsync(1);
        Assert.DoesNotContain("13800138000", await comment.InnerTextAsync());

        // A filter is kept in the address: a reload shows the same, and a day with no responses has too few.
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Input(page, "filter-from").FillAsync(tomorrow);
        await page.GetByTestId("apply-filters").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"from={tomorrow}"), new() { Timeout = 30_000 });
        Assert.DoesNotContain("drill=", page.Url);
        await Assertions.Expect(page.GetByTestId("figure-csat-few")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("figure-csat-n")).ToContainTextAsync("0");
        await Assertions.Expect(Input(page, "filter-from")).ToHaveValueAsync(tomorrow);
    }

    [Fact]
    public async Task Upload_ImportsAFile_WithProgress_AndABadFileNamesItsRowsAndImportsNothing()
    {
        var tenant = await stack.NewTenantAsync();
        var customers = await CustomersAsync(tenant, 2);
        await SurveyAsync(tenant);
        var folder = Directory.CreateTempSubdirectory("crm-upload-").FullName;
        try
        {
            var good = Path.Combine(folder, "responses.csv");
            await File.WriteAllTextAsync(good, string.Join('\n',
                "customerId,platformId,email,answeredAt,csat,reason,comment",
                $"{customers[0]},,,2026-11-30T10:00:00+08:00,5,,很满意",
                $",PLT-1,,2026-11-30T11:00:00+08:00,2,slow-response,回复太慢",
                $",,c0@example.com,2026-11-30T12:00:00+08:00,4,,") + "\n", new UTF8Encoding(false));
            var bad = Path.Combine(folder, "bad.csv");
            await File.WriteAllTextAsync(bad, string.Join('\n',
                "customerId,answeredAt,csat",
                $"{customers[0]},2026-11-30T10:00:00+08:00,5",
                $"{customers[1]},2026-11-30T10:00:00+08:00,9") + "\n", new UTF8Encoding(false));

            var page = await SignedInAsync(tenant, Role.Analyst, $"t/{tenant.Id}/surveys/{SurveyId}");
            await UploadAsync(page, bad, "import-problem");
            await Assertions.Expect(page.GetByTestId("import-problem")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("import-problem")).ToContainTextAsync("第 3 行");
            await Assertions.Expect(page.GetByTestId("import-problems-summary")).ToContainTextAsync("未导入任何数据");
            await Assertions.Expect(page.GetByTestId("responses-total")).ToContainTextAsync("0");

            await UploadAsync(page, good, "import-outcome");
            await Assertions.Expect(page.GetByTestId("import-outcome")).ToContainTextAsync("新增 3 份回复", new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("responses-total")).ToContainTextAsync("3");
            await FileInput(page).SetInputFilesAsync(Payload(good));
            await Assertions.Expect(page.GetByTestId("import-outcome")).ToContainTextAsync("新增 0 份回复，3 份此前已导入", new() { Timeout = 30_000 });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Agent_HasNoSurveyPages()
    {
        var tenant = await stack.NewTenantAsync();
        await SurveyAsync(tenant);
        var page = await SignedInAsync(tenant, Role.Agent, $"t/{tenant.Id}/surveys/{SurveyId}");
        await Assertions.Expect(page.GetByTestId("nav-surveys")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("figure-csat")).ToHaveCountAsync(0);
        var csv = await page.APIRequest.GetAsync($"t/{tenant.Id}/surveys/{SurveyId}/invitations.csv");
        // A page request without the permission is sent to the "access denied" page, never given the links.
        Assert.Contains("/account/denied", csv.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("invitationId", await csv.TextAsync(), StringComparison.Ordinal);
    }

    // MudBlazor's upload adds an input after each choice; the newest one takes the next file.
    private static ILocator FileInput(IPage page) => page.Locator("[data-testid=import] input[type=file]").Last;

    /// <summary>
    /// Chooses the file until the page reacts. The input may be in the page before the upload's script listens to it
    /// (under load the gap is long), and a choice made then is lost. Choosing the same path again into an input that
    /// already holds it is no change to Chromium, so no event fires: each try hands the file over as a payload, which
    /// fires the change every time. Importing the same file twice adds nothing, so trying again is safe.
    /// </summary>
    private static async Task UploadAsync(IPage page, string file, string shows)
    {
        for (var attempt = 1; ; attempt++)
        {
            await FileInput(page).SetInputFilesAsync(Payload(file));
            try
            {
                await Assertions.Expect(page.GetByTestId(shows).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 6)
            {
            }
        }
    }

    private static FilePayload Payload(string file) =>
        new() { Name = Path.GetFileName(file), MimeType = "text/csv", Buffer = File.ReadAllBytes(file) };

    private async Task<IPage> SignedInAsync(TestTenant tenant, Role role, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await SignInAsync(page, tenant.Users[role].Username, tenant.Users[role].Password);
        await WaitInteractiveAsync(page);
        return page;
    }

    private static async Task SurveyAsync(TestTenant tenant) =>
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys", new { surveyId = SurveyId, name = "售后满意度调查" })).EnsureSuccessStatusCode();

    private static async Task<List<string>> CustomersAsync(TestTenant tenant, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
                new { displayName = $"客户{i}", channels = new[] { new { kind = "Email", value = $"c{i}@example.com" } }, externalRef = $"PLT-{i}" }));
            ids.Add(customer.CustomerId);
        }

        return ids;
    }
}
