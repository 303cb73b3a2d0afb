using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Domain.Reports;
using UglyToad.PdfPig;

namespace Crm.EndToEnd.Tests.Reports;

/// <summary>The platform's availability figure over HTTP (validated, versioned, permission-checked) and the report showing it.</summary>
[Collection(StackCollection.Name)]
public sealed class ReportAvailabilityApiTests(CrmStackFixture stack)
{
    private static string ThisMonth() => ReportPeriod.Containing(ReportPeriodKind.Month, DateOnly.FromDateTime(DateTime.UtcNow)).ToString();

    private static HttpRequestMessage Put(string path, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    [Fact]
    public async Task PostedFigure_IsVersioned_AndTheReportUsesIt_InPdfAndCsv()
    {
        var tenant = await stack.NewTenantAsync();
        var month = ThisMonth();
        var path = $"api/tenants/{tenant.Id}/reports/availability/{month}";

        // Before any post: measured by the product (this stack's silos beat every minute), version 0.
        var before = await tenant.As(Role.AccountManager).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("\"0\"", before.Headers.ETag?.Tag);
        var measured = await before.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("Posted", measured.GetProperty("source").GetString());
        Assert.Equal(99.9, measured.GetProperty("targetPercent").GetDouble());

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await tenant.Admin.SendAsync(Put(path, new { percent = 99.5 }, null))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await tenant.Admin.SendAsync(Put(path, new { percent = 99.5 }, "\"4\""))).StatusCode);

        var posted = await tenant.Admin.SendAsync(Put(path, new { percent = 99.95, note = "平台探针：43,178 分钟正常" }, "\"0\""));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("\"1\"", posted.Headers.ETag?.Tag);
        var view = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Posted", view.GetProperty("source").GetString());
        Assert.Equal(99.95, view.GetProperty("percent").GetDouble());
        // The old version is stale now.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await tenant.Admin.SendAsync(Put(path, new { percent = 99.0 }, "\"0\""))).StatusCode);

        var manager = tenant.As(Role.AccountManager);
        var pdf = await manager.GetAsync($"api/tenants/{tenant.Id}/reports/{month}/report.pdf?language=zh-CN");
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("服务可用性", text);
            Assert.Contains("99.950%", text);
            Assert.Contains("平台提交", text);
            Assert.Contains("无心跳", text);
        }

        var csv = (await manager.GetStringAsync($"api/tenants/{tenant.Id}/reports/{month}/tables/availability.csv?language=en")).TrimStart('\uFEFF');
        Assert.Contains("Availability in this report,99.95", csv);
        Assert.Contains("Source,posted by the platform", csv);
        Assert.Contains("Minutes down (no heartbeat),", csv);
    }

    [Theory]
    [InlineData("2026-13", "{\"percent\":99}", "period")]
    [InlineData("2026-11", "{\"percent\":100.5}", "percent")]
    [InlineData("2026-11", "{\"percent\":-1}", "percent")]
    [InlineData("2026-11", "{\"note\":\"no figure\"}", "percent")]
    [InlineData("2026-11", "{\"percent\":\"99\"}", "percent")]
    public async Task BadFigure_Is400NamingTheField(string period, string body, string field)
    {
        var tenant = await stack.NewTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/tenants/{tenant.Id}/reports/availability/{period}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        var response = await tenant.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task TooLongNote_Is400_UnknownTenant_And_Agent_Are403()
    {
        var tenant = await stack.NewTenantAsync();
        var path = $"api/tenants/{tenant.Id}/reports/availability/2026-11";
        var tooLong = await tenant.Admin.SendAsync(Put(path, new { percent = 99.9, note = new string('x', AvailabilityRules.NoteMaxLength + 1) }, "*"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        // The platform operator holds no tenant's reports permissions, so an unknown tenant is refused before it is
        // looked up (403, which says nothing about whether the tenant exists).
        var platform = await stack.OperatorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.SendAsync(Put("api/tenants/no-such-tenant-x/reports/availability/2026-11", new { percent = 99.9 }, "*"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync("api/tenants/no-such-tenant-x/reports/availability/2026-11")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.SendAsync(Put(path, new { percent = 99.9 }, "*"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.AccountManager).SendAsync(Put(path, new { percent = 99.9 }, "*"))).StatusCode);
    }
}
