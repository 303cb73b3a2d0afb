using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace Crm.Bench;

/// <summary>
/// Surveys (issue 10): a generated file imported end to end by the real <c>crm surveys import</c> (its own process:
/// parse, the customer lookups, the server's check of every batch, then the writes), in rows/s with the CLI's peak
/// memory, next to Azurite's raw 100-entity batch rate; and survey-page submissions (<c>/s/{token}</c> form posts,
/// one distinct invitation each) next to Azurite's raw single upsert and the front end's health answer. One run,
/// one fresh Azurite, so the ratios hold on a noisy machine.
/// </summary>
internal static partial class SurveyBench
{
    private const int Customers = 200;

    public static async Task RunAsync(int rows, int submissions, int concurrency)
    {
        await using var stack = await BenchStack.StartAsync("--Crm:Surveys:PageRequestsPerMinute=1000000");
        var service = new TableServiceClient(stack.Azurite.ConnectionString);
        var payload = new string('x', 300); // About a response row.

        var batches = service.GetTableClient("BenchRawBatches");
        await batches.CreateIfNotExistsAsync();
        var batchCount = Math.Max(20, rows / 1000);
        var oneAtATime = await Latency.ClosedAsync(batchCount, 1, i => batches.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(j => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new TableEntity("b" + i.ToString(CultureInfo.InvariantCulture), j.ToString("D3", CultureInfo.InvariantCulture)) { ["Data"] = payload }))));
        var raw = service.GetTableClient("BenchRawUpserts");
        await raw.CreateIfNotExistsAsync();
        var upserts = await Latency.ClosedAsync(submissions, concurrency, i =>
            raw.UpsertEntityAsync(new TableEntity("p" + (i % 64).ToString(CultureInfo.InvariantCulture), i.ToString("D8", CultureInfo.InvariantCulture)) { ["Data"] = payload }));

        (await Setup.PostUntilServedAsync(stack.Admin, "api/tenants", new { tenantId = "bench", name = "Bench" })).Dispose();
        using var agent = await stack.UserAsync("bench-agent", "Agent");
        using var analyst = await stack.UserAsync("bench-analyst", "Analyst");
        var ids = new List<string>();
        for (var i = 0; i < Customers; i++)
        {
            using var created = await Setup.PostUntilServedAsync(agent, "api/tenants/bench/customers", new
            {
                displayName = "Bench Customer " + i.ToString(CultureInfo.InvariantCulture),
                channels = new[] { new { kind = "Email", value = $"c{i}@example.com" } },
                externalRef = $"PLT-{i}",
            });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!);
        }

        (await Setup.PostUntilServedAsync(analyst, "api/tenants/bench/surveys", new { surveyId = "csat", name = "CSAT" })).Dispose();
        (await Setup.PostUntilServedAsync(analyst, "api/tenants/bench/surveys", new { surveyId = "page", name = "Page" })).Dispose();

        // The import, as an operator runs it.
        var folder = Directory.CreateTempSubdirectory("crm-bench-import-").FullName;
        var file = Path.Combine(folder, "responses.csv");
        await WriteCsvAsync(file, rows, ids);
        // The product's own counter of the time its results grain spends scoring comments (the silo runs in this process).
        var scoringSeconds = 0.0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Crm.Contracts.CrmTelemetry.MeterName && instrument.Name == Crm.Contracts.CrmTelemetry.SurveyScoringSeconds)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        var gate = new object();
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (gate)
            {
                scoringSeconds += value;
            }
        });
        listener.Start();
        var (elapsed, peakKiB, output) = await RunCliAsync(stack.BaseAddress, analyst.DefaultRequestHeaders.Authorization!.Parameter!, file);
        listener.Dispose();
        double scoringShare;
        lock (gate)
        {
            scoringShare = scoringSeconds / elapsed.TotalSeconds;
        }
        Directory.Delete(folder, recursive: true);
        if (!output.Contains($"{rows} rows:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The import did not finish: " + output[^Math.Min(2000, output.Length)..]);
        }

        Console.WriteLine($"import: {rows} rows in {elapsed.TotalSeconds:F0} s ({rows / elapsed.TotalSeconds:F0} rows/s), CLI peak RSS {peakKiB / 1024.0:F0} MiB; raw 100-entity batches {oneAtATime.PerSecond * 100:F0} entities/s; scoring {scoringSeconds:F2} s ({scoringShare:P2} of the import)");

        // The survey page: distinct invitations, each page opened (its antiforgery token) and then answered.
        var tokens = new List<string>();
        for (var i = 0; i < submissions; i++)
        {
            // Set-up, not measured: the cluster is still delivering the import's archive entries, so a 503 is tried again.
            var customerId = ids[i % ids.Count];
            var invited = await analyst.PostAsJsonAsync("api/tenants/bench/surveys/page/invitations", new { customerId });
            for (var attempt = 0; invited.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 20; attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                invited = await analyst.PostAsJsonAsync("api/tenants/bench/surveys/page/invitations", new { customerId });
            }

            var link = await invited.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            tokens.Add(link.GetProperty("invitation").GetProperty("token").GetString()!);
        }

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = stack.BaseAddress };
        var live = await Latency.ClosedAsync(submissions, concurrency, async _ => (await browser.GetAsync("health/live")).EnsureSuccessStatusCode());
        (await browser.GetAsync($"s/{tokens[0]}")).EnsureSuccessStatusCode(); // The antiforgery cookie, once for all.
        var forms = new Dictionary<string, string>[submissions];
        var opens = await Latency.ClosedAsync(submissions, concurrency, async i =>
            forms[i] = HiddenFields(await (await browser.GetAsync($"s/{tokens[i]}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync()));
        var posts = await Latency.ClosedAsync(submissions, concurrency, async i =>
        {
            var fields = new Dictionary<string, string>(forms[i]) { ["csat"] = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture), ["comment"] = "物流很快" };
            (await browser.PostAsync($"s/{tokens[i]}", new FormUrlEncodedContent(fields))).EnsureSuccessStatusCode();
        });
        var results = await (await analyst.GetAsync("api/tenants/bench/surveys/page/results")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var answered = results.GetProperty("rows")[0].GetProperty("responses").GetInt32();

        var batchRate = oneAtATime.PerSecond * 100;
        Console.WriteLine($"rows={rows} submissions={submissions} concurrency={concurrency} cores={Environment.ProcessorCount} load={File.ReadAllText("/proc/loadavg").Trim()} ({DateTime.UtcNow:yyyy-MM-dd})");
        Console.WriteLine("| what | rate | unit | ratio to its baseline |");
        Console.WriteLine("|---|---:|---|---:|");
        Console.WriteLine($"| Azurite raw batch, 100 entities per transaction, one at a time (import baseline) | {batchRate:F0} | entities/s | 1.00 |");
        Console.WriteLine($"| crm surveys import of {rows:N0} rows (parse, lookups, server check, writes), {elapsed.TotalSeconds:F0} s; CLI peak RSS {peakKiB / 1024.0:F0} MiB; silo + front end + bench process peak RSS {PeakKiB() / 1024.0:F0} MiB | {rows / elapsed.TotalSeconds:F0} | rows/s | {rows / elapsed.TotalSeconds / batchRate:F2} |");
        Console.WriteLine($"| scoring comments during the import (the product's `{Crm.Contracts.CrmTelemetry.SurveyScoringSeconds}` counter, around `ScoreBatch` in the results grain): {scoringSeconds:F2} s of {elapsed.TotalSeconds:F0} s | {scoringShare:P2} | share of the import's time | |");
        Console.WriteLine($"| Azurite raw upsert, one entity per request (page baseline) | {upserts.PerSecond:F0} | entities/s | 1.00 |");
        Console.WriteLine($"| Front end /health/live (HTTP only) | {live.PerSecond:F0} | requests/s | {live.PerSecond / upserts.PerSecond:F2} |");
        Console.WriteLine($"| Survey page opened (GET /s/{{token}}, server-rendered), p50 {opens.P50:F0} ms, p99 {opens.P99:F0} ms | {opens.PerSecond:F0} | pages/s | {opens.PerSecond / upserts.PerSecond:F2} |");
        Console.WriteLine($"| Survey page submitted (POST /s/{{token}}, distinct tokens), p50 {posts.P50:F0} ms, p99 {posts.P99:F0} ms; {answered} of {submissions} counted | {posts.PerSecond:F0} | submissions/s | {posts.PerSecond / upserts.PerSecond:F2} |");
    }

    /// <summary>This process's peak resident memory (VmHWM): the silo and the front end run in it.</summary>
    private static long PeakKiB() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    /// <summary>The form's hidden fields (the antiforgery token, Blazor's form name), as a browser sends them back.</summary>
    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    /// <summary>Runs the CLI as its own process and samples its peak resident memory (VmHWM) until it exits.</summary>
    private static async Task<(TimeSpan Elapsed, long PeakKiB, string Output)> RunCliAsync(Uri url, string token, string file)
    {
        var cli = Path.Combine(RepositoryRoot(), "client", "Crm.Cli", "bin", "Release", "net10.0", "crm.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "surveys", "import", "--url", url.ToString(), "--token", token, "--tenant", "bench", "--survey", "csat", "--file", file })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                peak = Math.Max(peak, line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // Exited between the check and the read.
            }

            await Task.Delay(200);
        }

        await process.WaitForExitAsync();
        return (clock.Elapsed, peak, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository (the CLI is started from client/Crm.Cli/bin/Release).");
    }

    /// <summary>The import test's file shape: customers named by id, platform id and email in turn, a comment on every tenth row.</summary>
    private static async Task WriteCsvAsync(string path, int rows, List<string> customers)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(8));
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("customerId,platformId,email,answeredAt,csat,nps,reason,comment,dim.product-quality,dim.response-speed");
        for (var i = 0; i < rows; i++)
        {
            var csat = random.Next(1, 6);
            var c = random.Next(customers.Count);
            var reason = csat <= 2 && i % 2 == 0 ? "slow-response" : "";
            var comment = i % 10 == 0 ? "\"物流很快，客服态度好, thanks\"" : "";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(i % 3 == 1 ? customers[c] : "")},{(i % 3 == 2 ? $"PLT-{c}" : "")},{(i % 3 == 0 ? $"c{c}@example.com" : "")},{start.AddSeconds(i):O},{csat},{random.Next(0, 11)},{reason},{comment},{random.Next(1, 6)},{csat}"));
        }
    }
}
