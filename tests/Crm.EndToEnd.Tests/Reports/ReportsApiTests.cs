using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Cli;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.Reports;
using Crm.Domain.Reports;
using UglyToad.PdfPig;

namespace Crm.EndToEnd.Tests.Reports;

/// <summary>Reports over HTTP: aggregates, the report on demand as HTML, PDF and CSV, reconciliation by API and CLI.</summary>
[Collection(StackCollection.Name)]
public sealed class ReportsApiTests(CrmStackFixture stack)
{
    private static string ThisMonth() => ReportPeriod.Containing(ReportPeriodKind.Month, DateOnly.FromDateTime(DateTime.UtcNow)).ToString();

    private async Task<TestTenant> TenantWithCasesAsync()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "Li Na",
            channels = new[] { new { kind = "Email", value = "li.na@example.com", preferred = true } },
            tags = Array.Empty<string>(),
        }));
        for (var i = 0; i < 3; i++)
        {
            var view = await CrmStackFixture.ReadAsync<CaseView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", new
            {
                customerId = customer.CustomerId,
                kind = "Complaint",
                subject = "Parcel late",
                description = "Ordered a week ago.",
                severity = i == 0 ? "Major" : "Normal",
                category = "other",
                channel = "Chat",
            }));
            await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{view.CaseId}/replies", new { text = "Checking with the courier.", then = "StartWork" });
            if (i == 1)
            {
                await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases/{view.CaseId}/actions", new { action = "Resolve" });
            }
        }

        return tenant;
    }

    [Fact]
    public async Task AccountManager_ReadsTheMonth_AsAggregateHtmlPdfAndCsv()
    {
        var tenant = await TenantWithCasesAsync();
        var manager = tenant.As(Role.AccountManager);
        var month = ThisMonth();
        var path = $"api/tenants/{tenant.Id}/reports/{month}";

        var aggregate = await CrmStackFixture.ReadAsync<JsonElement>(await manager.GetAsync($"{path}/aggregate"));
        Assert.Equal(3, aggregate.GetProperty("aggregate").GetProperty("opened").GetInt32());
        Assert.Equal(month, aggregate.GetProperty("period").GetString());

        var html = await manager.GetAsync($"{path}/report.html?language=zh-CN");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("合同服务报告", page);
        Assert.Contains("首次响应", page);
        Assert.Contains("tables/kpis.csv?language=zh-CN", page);

        var pdf = await manager.GetAsync($"{path}/report.pdf?language=zh-CN");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("合同服务报告", text);
            Assert.Contains("重大故障解决", text);
        }

        var csv = Encoding.UTF8.GetString(await (await manager.GetAsync($"{path}/tables/kpis.csv?language=en")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Target,Contract target,Completed,Within target", lines[0]);
        Assert.StartsWith("First response,2,3,3,100,", lines[1]);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"{path}/tables/nope.csv")).StatusCode);
    }

    [Theory]
    [InlineData("2026-13/aggregate", "period")]
    [InlineData("last-month/report.html", "period")]
    [InlineData("2026-12/report.pdf?language=fr", "language")]
    public async Task BadInput_Is400NamingTheField(string rest, string field)
    {
        var tenant = await stack.NewTenantAsync();
        var response = await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/reports/{rest}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Agent_MayNotReadReports_AccountManagerMayNotReconcile()
    {
        var tenant = await stack.NewTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.GetAsync($"api/tenants/{tenant.Id}/reports/2026-11/report.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.AccountManager).PostAsJsonAsync($"api/tenants/{tenant.Id}/reports/2026-11/reconcile", new { })).StatusCode);
    }

    [Fact]
    public async Task Reconcile_ByApiAndCli_Agrees()
    {
        var tenant = await TenantWithCasesAsync();
        var month = ThisMonth();

        var result = await CrmStackFixture.ReadAsync<Reconciliation>(await tenant.Admin.PostAsJsonAsync($"api/tenants/{tenant.Id}/reports/{month}/reconcile", new { }));
        Assert.True(result.Agrees, string.Join("\n", result.Differences));
        Assert.Equal(3, result.CasesRead);

        var admin = tenant.Users[Role.TenantAdmin];
        var output = new StringWriter();
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, admin.Password);
        var args = new[]
        {
            "reports", "reconcile", "--tenant", tenant.Id, "--period", month, "--url", stack.BaseAddress.ToString(), "--user", admin.Username,
            "--password-file", passwordFile,
        };
        int exit;
        try
        {
            exit = await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        }
        finally
        {
            File.Delete(passwordFile);
        }

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("The aggregates agree with the case histories.", output.ToString());
        Assert.Contains("3 cases", output.ToString());
    }
}
