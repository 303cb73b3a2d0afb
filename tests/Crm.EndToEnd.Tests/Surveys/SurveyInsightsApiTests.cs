using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;

namespace Crm.EndToEnd.Tests.Surveys;

/// <summary>GET .../surveys/{s}/insights through the real front end, silo and Azurite.</summary>
[Collection(StackCollection.Name)]
public sealed class SurveyInsightsApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Insights_SeededThroughTheApi_TopDriverThemeAndRecommendationInChinese_ExamplesMaskedForAnalysts()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        await InsightsWorkload.SendAsync(tenant, customerId);
        var url = $"api/tenants/{tenant.Id}/surveys/csat/insights";

        var analyst = await ReadAsync(tenant.As(Role.Analyst), url, "zh-CN");
        var admin = await ReadAsync(tenant.Admin, url, "en");

        Assert.True(analyst.Enough);
        Assert.Equal(60, analyst.Responses);
        Assert.Equal("rating.logistics-delivery", analyst.Drivers[0].Driver);
        Assert.Equal("“物流配送”评分", analyst.Drivers[0].Label);
        Assert.Contains(analyst.Recommendations, r => r.Subject == "rating.logistics-delivery" && r.Text.StartsWith("改善“物流配送”评分", StringComparison.Ordinal));
        var theme = Assert.Single(analyst.Themes, t => t.Term == "物流");
        Assert.Equal(30, theme.Detractors);
        Assert.Equal("zh-CN", analyst.Language);
        Assert.Equal("the Logistics and delivery rating", admin.Drivers[0].Label);
        Assert.All(analyst.Themes.SelectMany(t => t.Examples), e => Assert.DoesNotContain(InsightsWorkload.Phone, e));
        Assert.Contains(admin.Themes.Single(t => t.Term == "物流").Examples, e => e.Contains(InsightsWorkload.Phone));
    }

    [Fact]
    public async Task ServiceReport_ThisMonth_SatisfactionSectionHasDriversAndRecommendations_PdfInChinese()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        await InsightsWorkload.SendAsync(tenant, customerId);
        var month = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var path = $"api/tenants/{tenant.Id}/reports/{month}";

        var pdf = await tenant.As(Role.AccountManager).GetAsync($"{path}/report.pdf?language=zh-CN");
        var csv = await tenant.As(Role.AccountManager).GetAsync($"{path}/tables/recommendations-csat.csv?language=en");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("不满意的影响因素", text);
        Assert.Contains("“物流配送”评分", text);
        Assert.Contains("改进建议", text);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Act on the Logistics and delivery rating", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Insights_BadFilter400_UnknownSurvey404_TooFewSaysSo()
    {
        var (tenant, _) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/csat/insights";

        var bad = await tenant.As(Role.Analyst).GetAsync($"{url}?channel=pigeon&from=2026-12-10&to=2026-12-01");
        var missing = await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/surveys/nope/insights");
        var empty = await ReadAsync(tenant.As(Role.AccountManager), url, "en");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("channel", problem);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(empty.Enough);
        Assert.Equal(0, empty.Responses);
        Assert.Empty(empty.Recommendations);
    }

    [Fact]
    public async Task Insights_DefaultQuery_AnswersPendingOrTheResult_ThenTheStoredResultWithItsTimeAndCount()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        await InsightsWorkload.SendAsync(tenant, customerId);
        var url = $"api/tenants/{tenant.Id}/surveys/csat/insights";

        // The first view does not wait for the computation: "pending", with nothing made up, unless it was quick.
        var first = await ReadOnceAsync(tenant.As(Role.Analyst), url, "en");
        var ready = await ReadAsync(tenant.As(Role.Analyst), url, "en");
        var again = await ReadOnceAsync(tenant.As(Role.Analyst), url, "zh-CN");

        if (first.Pending)
        {
            Assert.True(first.Recomputing);
            Assert.False(first.Enough);
            Assert.Empty(first.Drivers);
        }

        Assert.Equal((60, true, false, false), (ready.Responses, ready.Enough, ready.Recomputing, ready.Pending));
        Assert.Equal(ready.ComputedAt, again.ComputedAt);
        Assert.Equal("zh-CN", again.Language);
        Assert.False(again.Recomputing);
    }

    /// <summary>The insights once computed: the default query's first views may answer "pending" while it runs.</summary>
    private static async Task<SurveyInsightsView> ReadAsync(HttpClient http, string url, string language)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = await ReadOnceAsync(http, url, language);
            if (!(view.Pending || view.Recomputing) || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(500);
        }
    }

    private static async Task<SurveyInsightsView> ReadOnceAsync(HttpClient http, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await CrmStackFixture.ReadAsync<SurveyInsightsView>(await http.SendAsync(request));
    }

    private async Task<(TestTenant Tenant, string CustomerId)> TenantWithSurveyAsync()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "Li Wei",
            channels = new object[] { new { kind = "Email", value = "Li.Wei@example.com" } },
        }));
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys", new { surveyId = "csat", name = "After-sales CSAT" })).EnsureSuccessStatusCode();
        return (tenant, customer.CustomerId);
    }
}
