using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;
using UglyToad.PdfPig;

namespace Crm.EndToEnd.Tests.Reports;

/// <summary>Finished reports over HTTP: made on demand for any period, stored in blob storage, listed and read back from the inbox.</summary>
[Collection(StackCollection.Name)]
public sealed class ReportInboxApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task AccountManager_MakesAMonth_FindsItInTheInbox_AndReadsEachDocument()
    {
        var tenant = await stack.NewTenantAsync();
        var manager = tenant.As(Role.AccountManager);
        var made = await manager.PostAsync($"api/tenants/{tenant.Id}/reports/2026-11/finished", null);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);

        var inbox = await CrmStackFixture.ReadAsync<JsonElement>(await manager.GetAsync($"api/tenants/{tenant.Id}/reports/inbox"));
        var run = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("2026-11", run.GetProperty("period").GetString());
        Assert.Equal("Done", run.GetProperty("state").GetString());

        var pdf = await manager.GetAsync($"api/tenants/{tenant.Id}/reports/inbox/2026-11/report.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(run.GetProperty("documents").GetProperty("report.pdf").GetInt64(), bytes.Length);
        using (var document = PdfDocument.Open(bytes))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("2026", text);
        }

        var csv = await manager.GetAsync($"api/tenants/{tenant.Id}/reports/inbox/2026-11/tables/kpis.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var html = await manager.GetAsync($"api/tenants/{tenant.Id}/reports/inbox/2026-11/report.html");
        Assert.Contains("tables/kpis.csv", await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Inbox_NoSuchDocumentOrPeriod_Is404Or400()
    {
        var tenant = await stack.NewTenantAsync();
        var manager = tenant.As(Role.AccountManager);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"api/tenants/{tenant.Id}/reports/2026-W49/finished", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"api/tenants/{tenant.Id}/reports/inbox/2026-W48/report.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"api/tenants/{tenant.Id}/reports/inbox/2026-W49/report.docx")).StatusCode);
        var bad = await manager.PostAsync($"api/tenants/{tenant.Id}/reports/2026-13/finished", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("period", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/reports/inbox")).StatusCode);
    }
}
