using System.Net.Http.Json;
using System.Text;
using Crm.Contracts.Access;
using Crm.Contracts.Scoring;
using Microsoft.Playwright;
using static Crm.EndToEnd.Tests.Browser.Pages;

namespace Crm.EndToEnd.Tests.Browser;

/// <summary>
/// The models page in Chromium (zh-CN) as an analyst: training on the tenant's own responses refused with the reason,
/// a labelled file uploaded and trained into a new version that appears with its figures, that version activated,
/// then rolled back to the one before. The page's actions are the API's (one door), so the API reads the result back.
/// </summary>
[Collection(BrowserStackCollection.Name)]
public sealed class ModelsPagesTests(CrmStackFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Good = ["送货很快", "客服很耐心", "质量很好", "包装完好", "价格实惠", "Great service", "Fast delivery", "Very helpful agent"];
    private static readonly string[] Bad = ["送货太慢", "客服态度差", "质量很差", "包装破损", "要求退款", "Terrible service", "Late delivery", "Rude agent"];

    [Fact]
    public async Task ModelsPage_TrainFromFileActivateRollBack_AsAnalystInChinese()
    {
        var tenant = await stack.NewTenantAsync();
        var analyst = tenant.As(Role.Analyst);
        var url = $"api/tenants/{tenant.Id}/models";
        // Version 1, trained and activated through the API, so that the page's roll-back has a version to return to.
        var started = await CrmStackFixture.ReadAsync<TrainingJobView>(await analyst.PostAsJsonAsync($"{url}/train-from-file", new { csv = LabelledCsv(260) }));
        await FinishedAsync(analyst, url, started.JobId);
        (await analyst.PostAsync($"{url}/versions/1/activate", null)).EnsureSuccessStatusCode();

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"t/{tenant.Id}/models");
        await SignInAsync(page, tenant.Users[Role.Analyst].Username, tenant.Users[Role.Analyst].Password);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("nav-models")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("serving")).ToHaveAttributeAsync("data-active", "1");

        // The tenant has no rated survey comments: training on them is refused, and the page says how many are needed.
        await page.GetByTestId("train-responses").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job")).ToHaveAttributeAsync("data-status", nameof(TrainingJobStatus.Refused));
        await Assertions.Expect(page.GetByTestId("job-result")).ToContainTextAsync("500");

        await Input(page, "train-text-column").FillAsync("comment");
        await Input(page, "train-label-column").FillAsync("satisfied");
        await Input(page, "train-label-column").PressAsync("Tab");
        await UploadAsync(page, new FilePayload { Name = "labelled.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(LabelledCsv(260, "comment", "satisfied")) });
        await Assertions.Expect(page.GetByTestId("job")).ToHaveAttributeAsync("data-status", nameof(TrainingJobStatus.Succeeded), new() { Timeout = 120_000 });
        var v2 = page.Locator("[data-testid=version-row][data-version='2']");
        await Assertions.Expect(v2).ToHaveAttributeAsync("data-active", "false");
        await Assertions.Expect(v2).ToContainTextAsync("520（260 / 260）");
        await Assertions.Expect(v2).ToContainTextAsync("结巴分词");

        await page.GetByTestId("activate-2").ClickAsync();
        await Assertions.Expect(page.GetByTestId("serving")).ToHaveAttributeAsync("data-active", "2");
        await Assertions.Expect(v2).ToHaveAttributeAsync("data-active", "true");
        await page.GetByTestId("rollback").ClickAsync();
        await Assertions.Expect(page.GetByTestId("serving")).ToHaveAttributeAsync("data-active", "1");

        var list = await CrmStackFixture.ReadAsync<ModelListView>(await analyst.GetAsync(url));
        Assert.Equal((1, 2), (list.ActiveVersion, list.Versions.Length));
    }

    /// <summary>
    /// Chooses the file until a job starts: the input may be in the page before the upload's script listens to it, and
    /// a choice made then is lost; a payload fires the change every time (see SurveyResultsPagesTests).
    /// </summary>
    private static async Task UploadAsync(IPage page, FilePayload file)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("input[type=file]").Last.SetInputFilesAsync(file);
            try
            {
                await Assertions.Expect(page.GetByTestId("job")).Not.ToHaveAttributeAsync("data-status", nameof(TrainingJobStatus.Refused), new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 6)
            {
            }
            catch (PlaywrightException ex)
            {
                // Say what the page showed instead: a refusal of the file, or nothing at all.
                var errors = page.GetByTestId("train-errors");
                throw new InvalidOperationException($"No training started: {(await errors.CountAsync() > 0 ? await errors.InnerTextAsync() : "the page did not react")}", ex);
            }
        }
    }

    private static async Task FinishedAsync(HttpClient http, string url, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await CrmStackFixture.ReadAsync<TrainingJobView>(await http.GetAsync($"{url}/jobs/{jobId}"))).Status == TrainingJobStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "Training did not finish within 120 s.");
            await Task.Delay(500);
        }
    }

    /// <summary><paramref name="perLabel"/> distinct comments of each label, made of hand-written phrases.</summary>
    private static string LabelledCsv(int perLabel, string text = "text", string label = "label")
    {
        var csv = new StringBuilder($"{label},{text}\n");
        for (var i = 0; i < perLabel; i++)
        {
            csv.Append($"1,\"{Good[i % Good.Length]}，{Good[(i / Good.Length) % Good.Length]} {i}\"\n");
            csv.Append($"0,\"{Bad[i % Bad.Length]}，{Bad[(i / Bad.Length) % Bad.Length]} {i}\"\n");
        }

        return csv.ToString();
    }
}
