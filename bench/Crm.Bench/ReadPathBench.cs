using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Crm.Client;
using Crm.Contracts.Customers;
using Crm.Silo;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench;

/// <summary>
/// What sign-in, the per-request session check, masking and the audit write cost on a customer read: the same reads
/// through the grain directly and over HTTP as an agent and as an analyst, next to Azurite's raw single-entity upsert
/// (an audited read costs one table write), all in one run against one fresh Azurite.
/// </summary>
internal static class ReadPathBench
{
    public static async Task RunAsync(int count, int concurrency)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var keyFile = Path.Combine(Path.GetTempPath(), "crm-bench-keys-" + Guid.NewGuid().ToString("N") + ".json");
        var adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        int gateway = AzuriteServer.FreeTcpPort(), web = AzuriteServer.FreeTcpPort();
        var silo = SiloHost.Build(
        [
            $"--ConnectionStrings:Tables={azurite.ConnectionString}", $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}",
            $"--Orleans:GatewayPort={gateway}", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            $"--Crm:PersonalData:KeyFile={keyFile}", $"--Crm:Bootstrap:AdminPassword={adminPassword}",
        ]);
        await silo.StartAsync();
        var frontEnd = ClientHost.Build(
        [
            $"--Orleans:GatewayPort={gateway}", $"--urls=http://127.0.0.1:{web}", "--Logging:LogLevel:Default=Warning",
            "--Crm:Security:SignInsPerMinute=1000000",
        ]);
        await frontEnd.StartAsync();
        var baseAddress = new Uri($"http://127.0.0.1:{web}/");
        var results = new List<(string Name, double PerSecond, double P50, double P99)>();

        var raw = new TableServiceClient(azurite.ConnectionString).GetTableClient("BenchRawUpserts");
        await raw.CreateIfNotExistsAsync();
        var payload = new string('x', 600);
        results.Add(Measure("Azurite raw upsert, one entity per request (baseline)", await TimedAsync(count, concurrency, i =>
            raw.UpsertEntityAsync(new TableEntity("p" + (i % 64).ToString(CultureInfo.InvariantCulture), i.ToString("D8", CultureInfo.InvariantCulture)) { ["Data"] = payload }))));

        using var admin = await SignInAsync(baseAddress, "admin", adminPassword);
        (await admin.PostAsJsonAsync("api/tenants", new { tenantId = "bench", name = "Bench" })).EnsureSuccessStatusCode();
        var agent = await CreateUserAsync(admin, baseAddress, "bench-agent", "Agent");
        var analyst = await CreateUserAsync(admin, baseAddress, "bench-analyst", "Analyst");
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var created = await agent.PostAsJsonAsync("api/tenants/bench/customers", new
            {
                displayName = "Bench Customer " + i.ToString(CultureInfo.InvariantCulture),
                channels = new[] { new { kind = "Email", value = $"bench{i}@example.com" } },
            });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!);
        }

        var cluster = silo.Services.GetRequiredService<IClusterClient>();
        results.Add(Measure("Customer read through the grain (no HTTP, no sign-in, no audit)", await TimedAsync(count, concurrency, i =>
            cluster.GetGrain<ICustomerGrain>(CustomerKey.Format("bench", ids[i % ids.Count])).GetAsync())));
        results.Add(Measure("Customer read over HTTP as agent (token, session check, audit write)", await TimedAsync(count, concurrency, async i =>
            (await agent.GetAsync($"api/tenants/bench/customers/{ids[i % ids.Count]}")).EnsureSuccessStatusCode())));
        results.Add(Measure("Customer read over HTTP as analyst (same, plus masking)", await TimedAsync(count, concurrency, async i =>
            (await analyst.GetAsync($"api/tenants/bench/customers/{ids[i % ids.Count]}")).EnsureSuccessStatusCode())));
        // Sign-ins of many users, as at the start of a shift; one user's sign-ins queue on its grain by design.
        for (var u = 0; u < concurrency; u++)
        {
            (await admin.PostAsJsonAsync("api/tenants/bench/users", new { username = $"shift-{u}", displayName = "Shift", roles = new[] { "Agent" }, password = "bench password 1" })).EnsureSuccessStatusCode();
        }

        var signIns = Math.Max(32, count / 20);
        using var anonymous = new HttpClient { BaseAddress = baseAddress };
        results.Add(Measure($"Sign-in of {concurrency} different users (PBKDF2 in the silo), {signIns} in all", await TimedAsync(signIns, concurrency, async i =>
            (await anonymous.PostAsJsonAsync("api/auth/token", new { username = $"shift-{i % concurrency}", password = "bench password 1" })).EnsureSuccessStatusCode())));

        await frontEnd.StopAsync();
        await silo.StopAsync();
        File.Delete(keyFile);

        var baseline = results[0].PerSecond;
        Console.WriteLine($"count={count} concurrency={concurrency} cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
        Console.WriteLine("| what | rate (ops/s) | p50 ms | p99 ms | ratio to raw upsert |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, perSecond, p50, p99) in results)
        {
            Console.WriteLine($"| {name} | {perSecond:F0} | {p50:F1} | {p99:F1} | {perSecond / baseline:F2} |");
        }
    }

    private static async Task<HttpClient> CreateUserAsync(HttpClient admin, Uri baseAddress, string username, string role)
    {
        (await admin.PostAsJsonAsync("api/tenants/bench/users", new { username, displayName = username, roles = new[] { role }, password = "bench password 1" })).EnsureSuccessStatusCode();
        return await SignInAsync(baseAddress, username, "bench password 1");
    }

    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string username, string password)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        var token = await (await http.PostAsJsonAsync("api/auth/token", new { username, password })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    private static (string, double, double, double) Measure(string name, (double PerSecond, double[] Latencies) run)
    {
        Array.Sort(run.Latencies);
        return (name, run.PerSecond, run.Latencies[run.Latencies.Length / 2], run.Latencies[(int)(run.Latencies.Length * 0.99)]);
    }

    /// <summary>A closed loop like <see cref="Load"/>, recording each operation's latency.</summary>
    private static async Task<(double PerSecond, double[] Latencies)> TimedAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return (count / watch.Elapsed.TotalSeconds, latencies);
    }
}
