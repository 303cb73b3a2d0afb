using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Crm.Contracts.Customers;
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
        await using var stack = await BenchStack.StartAsync();
        var results = new List<(string Name, Latency.Result Result)>();

        var raw = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient("BenchRawUpserts");
        await raw.CreateIfNotExistsAsync();
        var payload = new string('x', 600);
        results.Add(("Azurite raw upsert, one entity per request (baseline)", await Latency.ClosedAsync(count, concurrency, i =>
            raw.UpsertEntityAsync(new TableEntity("p" + (i % 64).ToString(CultureInfo.InvariantCulture), i.ToString("D8", CultureInfo.InvariantCulture)) { ["Data"] = payload }))));

        var admin = stack.Admin;
        (await admin.PostAsJsonAsync("api/tenants", new { tenantId = "bench", name = "Bench" })).EnsureSuccessStatusCode();
        using var agent = await stack.UserAsync("bench-agent", "Agent");
        using var analyst = await stack.UserAsync("bench-analyst", "Analyst");
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

        var cluster = stack.Silo.Services.GetRequiredService<IClusterClient>();
        results.Add(("Customer read through the grain (no HTTP, no sign-in, no audit)", await Latency.ClosedAsync(count, concurrency, i =>
            cluster.GetGrain<ICustomerGrain>(CustomerKey.Format("bench", ids[i % ids.Count])).GetAsync())));
        results.Add(("Customer read over HTTP as agent (token, session check, audit write)", await Latency.ClosedAsync(count, concurrency, async i =>
            (await agent.GetAsync($"api/tenants/bench/customers/{ids[i % ids.Count]}")).EnsureSuccessStatusCode())));
        results.Add(("Customer read over HTTP as analyst (same, plus masking)", await Latency.ClosedAsync(count, concurrency, async i =>
            (await analyst.GetAsync($"api/tenants/bench/customers/{ids[i % ids.Count]}")).EnsureSuccessStatusCode())));
        // Sign-ins of many users, as at the start of a shift; one user's sign-ins queue on its grain by design.
        for (var u = 0; u < concurrency; u++)
        {
            (await admin.PostAsJsonAsync("api/tenants/bench/users", new { username = $"shift-{u}", displayName = "Shift", roles = new[] { "Agent" }, password = BenchStack.Password })).EnsureSuccessStatusCode();
        }

        var signIns = Math.Max(32, count / 20);
        using var anonymous = new HttpClient { BaseAddress = stack.BaseAddress };
        results.Add(($"Sign-in of {concurrency} different users (PBKDF2 in the silo), {signIns} in all", await Latency.ClosedAsync(signIns, concurrency, async i =>
            (await anonymous.PostAsJsonAsync("api/auth/token", new { username = $"shift-{i % concurrency}", password = BenchStack.Password })).EnsureSuccessStatusCode())));

        var baseline = results[0].Result.PerSecond;
        Console.WriteLine($"count={count} concurrency={concurrency} cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
        Console.WriteLine("| what | rate (ops/s) | p50 ms | p99 ms | ratio to raw upsert |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, r) in results)
        {
            Console.WriteLine($"| {name} | {r.PerSecond:F0} | {r.P50:F1} | {r.P99:F1} | {r.PerSecond / baseline:F2} |");
        }
    }
}
