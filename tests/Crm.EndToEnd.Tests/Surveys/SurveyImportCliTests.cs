using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Crm.Cli;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;
using Xunit.Abstractions;

namespace Crm.EndToEnd.Tests.Surveys;

/// <summary><c>crm surveys import</c> against the real stack, on files generated here in a temp folder.</summary>
[Collection(StackCollection.Name)]
public sealed class SurveyImportCliTests(CrmStackFixture stack, ITestOutputHelper log)
{
    private const int Customers = 200;

    /// <summary>Rows the suite imports; <c>CRM_SURVEY_IMPORT_ROWS=100000</c> runs the full-size file (docs/surveys.md has the command and its time).</summary>
    public const int SuiteRows = 3_000;

    // Rows name their customers by id, platform id and email in turn, over 200 customers, so every batch touches all
    // of them: the archive entries go out through the survey's outbox after each batch, not inside it. Through a front
    // end with the production 2 s response timeout, not the suite's 30 s: a batch must fit in what production allows.
    // The CLI looks the file's 400 named customers up once, before its first batch, and then sends ids.
    [Fact]
    public async Task Import_GeneratedFile_AllCounted_AndImportingTheSameFileAgainAddsNothing()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CRM_SURVEY_IMPORT_ROWS"), out var n) ? n : SuiteRows;
        var (tenant, customers) = await TenantAsync(Customers);
        var folder = Directory.CreateTempSubdirectory("crm-import-").FullName;
        var file = Path.Combine(folder, "responses.csv");
        var satisfied = await WriteCsvAsync(file, rows, customers);
        var address = new Uri($"http://127.0.0.1:{Crm.Testing.AzuriteServer.FreeTcpPort()}/");
        var frontEnd = await stack.StartFrontEndAsync(address, "--Orleans:ResponseTimeout=00:00:02");
        try
        {
            var clock = Stopwatch.StartNew();
            var (exit, output) = await RunAsync(tenant, file, address);
            log.WriteLine($"first import: {clock.Elapsed} at load {LoadAverage()}; {(exit == 0 ? output[^Math.Min(300, output.Length)..] : output[..Math.Min(3000, output.Length)])}");
            log.WriteLine(BatchTimes(tenant.Id));
            var results = await ResultsAsync(tenant);
            clock.Restart();
            var (again, againOutput) = await RunAsync(tenant, file, address);
            log.WriteLine($"second import: {clock.Elapsed} at load {LoadAverage()}");
            var after = await ResultsAsync(tenant);

            // A batch answered 503 whose work finished anyway is counted as already recorded when it is sent again:
            // added and already recorded together are the file, and the results hold every row once.
            Assert.Equal(0, exit);
            var counts = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) responses added, (\d+) already recorded");
            Assert.True(counts.Success, output);
            Assert.Equal(rows, int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture));
            var row = Assert.Single(results.Rows);
            Assert.Equal(rows, row.Responses);
            Assert.Equal((double)satisfied / rows, row.Csat.Value!.Value, 10);
            Assert.Equal(0, again);
            Assert.Contains($"0 responses added, {rows} already recorded", againOutput);
            Assert.Equal(rows, Assert.Single(after.Rows).Responses);
        }
        finally
        {
            await frontEnd.StopAsync();
            await frontEnd.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    /// <summary>The front end's per-request figures (customer lookups, results grain) for this tenant, summarized.</summary>
    private string BatchTimes(string tenantId)
    {
        var pattern = new System.Text.RegularExpressions.Regex(@"LookupMs=([\d.]+) RecordMs=([\d.]+)");
        var lines = stack.Telemetry.Lines.Where(l => l.Contains($"Survey responses {tenantId}/", StringComparison.Ordinal)).ToList();
        var figures = lines.Select(l => pattern.Match(l)).Where(m => m.Success)
            .Select(m => (Lookup: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Record: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        if (figures.Count == 0)
        {
            return "no per-request figures logged";
        }

        static string Stats(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Count / 2]:F0} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:F0} ms, max {sorted[^1]:F0} ms");
        }

        return $"{figures.Count} requests; lookups: {Stats(figures.Select(f => f.Lookup))}; results grain: {Stats(figures.Select(f => f.Record))}";
    }

    [Fact]
    public async Task Import_BadRows_EachReportedWithLineAndField_AndNothingIsWritten()
    {
        var (tenant, customers) = await TenantAsync();
        var folder = Directory.CreateTempSubdirectory("crm-import-").FullName;
        var file = Path.Combine(folder, "responses.csv");
        await File.WriteAllTextAsync(file, string.Join('\n',
            "customerId,email,answeredAt,csat,nps,reason,comment,dim.response-speed",
            $"{customers[0]},,2026-11-30T10:00:00+08:00,5,10,,很好,5",
            $"{customers[0]},,2026-11-30T10:00:00+08:00,6,10,,,",
            $",nobody@example.com,2026-11-30T10:00:00+08:00,4,,,,",
            $"{customers[1]},,yesterday,4,,,,",
            $"{customers[1]},,2026-11-30T10:00:00+08:00,4,,slow-response,,",
            $"{customers[1]},,2026-11-30T10:00:00+08:00,2,,,,9") + "\n", new UTF8Encoding(false));
        try
        {
            var (exit, output) = await RunAsync(tenant, file);
            Assert.Equal(1, exit);
            Assert.Contains("line 3, csat:", output);
            Assert.Contains("line 5, answeredAt:", output);

            // Fixing the file's shape, the server's checks name the rest, still by line.
            await File.WriteAllTextAsync(file, string.Join('\n',
                "customerId,email,answeredAt,csat,reason,dim.response-speed",
                $"{customers[0]},,2026-11-30T10:00:00+08:00,5,,5",
                $",nobody@example.com,2026-11-30T10:00:00+08:00,4,,",
                $"{customers[1]},,2026-11-30T10:00:00+08:00,4,slow-response,",
                $"{customers[1]},,2026-11-30T10:00:00+08:00,2,,9") + "\n", new UTF8Encoding(false));
            var (second, secondOutput) = await RunAsync(tenant, file);
            log.WriteLine(secondOutput);
            Assert.Equal(1, second);
            Assert.Contains("line 3, email:", secondOutput);
            Assert.Contains("line 4, answers.reason:", secondOutput);
            Assert.Contains("line 5, answers.dimensions.response-speed:", secondOutput);
            Assert.Contains("nothing was imported", secondOutput);
            Assert.Equal(0, Assert.Single((await ResultsAsync(tenant)).Rows).Responses);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_JsonDryRun_ChecksAndWritesNothing_ThenImports()
    {
        var (tenant, customers) = await TenantAsync();
        var folder = Directory.CreateTempSubdirectory("crm-import-").FullName;
        var file = Path.Combine(folder, "responses.json");
        await File.WriteAllTextAsync(file, $$"""
            [
              { "customerId": "{{customers[0]}}", "answeredAt": "2026-11-30T10:00:00+08:00", "csat": 4, "nps": 9, "dimensions": { "product-quality": 4 } },
              { "email": "c1@example.com", "answeredAt": "2026-11-30T11:00:00+08:00", "csat": 1, "reason": "delivery", "comment": "快递太慢" }
            ]
            """);
        try
        {
            var (dry, dryOutput) = await RunAsync(tenant, file, "--dry-run");
            Assert.Equal(0, dry);
            Assert.Contains("Dry run", dryOutput);
            Assert.Equal(0, Assert.Single((await ResultsAsync(tenant)).Rows).Responses);

            var (exit, _) = await RunAsync(tenant, file);
            Assert.Equal(0, exit);
            var row = Assert.Single((await ResultsAsync(tenant)).Rows);
            Assert.Equal(2, row.Responses);
            Assert.Equal(1, row.Reasons["delivery"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<(int Exit, string Output)> RunAsync(TestTenant tenant, string file, params string[] extra) => RunAsync(tenant, file, stack.BaseAddress, extra);

    private async Task<(int Exit, string Output)> RunAsync(TestTenant tenant, string file, Uri url, params string[] extra)
    {
        var token = tenant.As(Role.Analyst).DefaultRequestHeaders.Authorization!.Parameter!;
        var output = new StringWriter();
        string[] args = ["surveys", "import", "--url", url.ToString(), "--token", token, "--tenant", tenant.Id, "--survey", "csat", "--file", file, .. extra];
        var exit = await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private async Task<SurveyResultsView> ResultsAsync(TestTenant tenant) =>
        await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/surveys/csat/results"));

    private async Task<(TestTenant Tenant, List<string> CustomerIds)> TenantAsync(int count = 3)
    {
        var tenant = await stack.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers",
                new { displayName = $"Customer {i}", channels = new[] { new { kind = "Email", value = $"c{i}@example.com" } }, externalRef = $"PLT-{i}" }));
            ids.Add(customer.CustomerId);
        }

        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys", new { surveyId = "csat", name = "CSAT" })).EnsureSuccessStatusCode();
        return (tenant, ids);
    }

    /// <summary>Writes distinct rows (each answered a second apart); returns how many rate 4 or 5.</summary>
    private static async Task<int> WriteCsvAsync(string path, int rows, List<string> customers)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var satisfied = 0;
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("customerId,platformId,email,answeredAt,csat,nps,reason,comment,dim.product-quality,dim.response-speed");
        for (var i = 0; i < rows; i++)
        {
            var csat = random.Next(1, 6);
            satisfied += csat >= 4 ? 1 : 0;
            var c = random.Next(customers.Count);
            var (byId, byPlatform, byEmail) = (i % 3 == 1, i % 3 == 2, i % 3 == 0);
            var reason = csat <= 2 && i % 2 == 0 ? "slow-response" : "";
            var comment = i % 10 == 0 ? "\"物流很快，客服态度好, thanks\"" : "";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(byId ? customers[c] : "")},{(byPlatform ? $"PLT-{c}" : "")},{(byEmail ? $"c{c}@example.com" : "")},{start.AddSeconds(i):O},{csat},{random.Next(0, 11)},{reason},{comment},{random.Next(1, 6)},{csat}"));
        }

        return satisfied;
    }
}
