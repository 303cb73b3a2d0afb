using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;

namespace Crm.Bench;

/// <summary>
/// Case intake over HTTP (POST /cases as an agent, with an idempotency key) next to Azurite's raw single-entity
/// upsert, in one run on one fresh Azurite: first each one's capacity in a closed loop, then latency percentiles at a
/// steady offered load (the same rate for both, a share of the intake capacity).
/// </summary>
internal static class IntakeBench
{
    public static async Task RunAsync(int count, int concurrency, double loadShare, TimeSpan duration)
    {
        await using var stack = await BenchStack.StartAsync();
        (await stack.Admin.PostAsJsonAsync("api/tenants", new { tenantId = "bench", name = "Bench" })).EnsureSuccessStatusCode();
        using var agent = await stack.UserAsync("bench-agent", "Agent");
        var customers = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var created = await agent.PostAsJsonAsync("api/tenants/bench/customers", new
            {
                displayName = "Bench Customer " + i.ToString(CultureInfo.InvariantCulture),
                channels = new[] { new { kind = "Email", value = $"bench{i}@example.com" } },
            });
            customers.Add((await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!);
        }

        var raw = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient("BenchRawUpserts");
        await raw.CreateIfNotExistsAsync();
        var payload = new string('x', 600);
        var rawSeq = 0;
        Task RawUpsert(int _)
        {
            var i = Interlocked.Increment(ref rawSeq);
            return raw.UpsertEntityAsync(new TableEntity("p" + (i % 64).ToString(CultureInfo.InvariantCulture), i.ToString("D9", CultureInfo.InvariantCulture)) { ["Data"] = payload });
        }

        var caseSeq = 0;
        async Task OpenCase(int _)
        {
            var i = Interlocked.Increment(ref caseSeq);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/tenants/bench/cases")
            {
                Content = JsonContent.Create(new
                {
                    customerId = customers[i % customers.Count],
                    kind = (i % 3) switch { 0 => "Inquiry", 1 => "Complaint", _ => "Inquiry" },
                    subject = "Where is my parcel? #" + i.ToString(CultureInfo.InvariantCulture),
                    description = "Ordered last week, tracking has not moved for three days.",
                    category = "logistics-delivery",
                    channel = "Chat",
                }),
            };
            request.Headers.Add("Idempotency-Key", "bench-" + i.ToString(CultureInfo.InvariantCulture));
            (await agent.SendAsync(request)).EnsureSuccessStatusCode();
        }

        // Warm-up: JIT, connections, grain directory.
        await Latency.ClosedAsync(Math.Min(200, count), concurrency, OpenCase);
        await Latency.ClosedAsync(Math.Min(200, count), concurrency, RawUpsert);

        var rawCapacity = await Latency.ClosedAsync(count, concurrency, RawUpsert);
        var intakeCapacity = await Latency.ClosedAsync(count, concurrency, OpenCase);
        var rate = Math.Max(1, intakeCapacity.PerSecond * loadShare);
        var rawSteady = await Latency.OpenAsync(rate, duration, RawUpsert);
        var intakeSteady = await Latency.OpenAsync(rate, duration, OpenCase);

        Console.WriteLine($"count={count} concurrency={concurrency} offered={rate:F0}/s for {duration.TotalSeconds:F0} s cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
        Console.WriteLine("| what | rate (ops/s) | p50 ms | p99 ms | rate ratio to raw upsert |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row($"Azurite raw upsert, closed loop x{concurrency} (baseline)", rawCapacity, rawCapacity.PerSecond);
        Row($"Case intake over HTTP, closed loop x{concurrency}", intakeCapacity, rawCapacity.PerSecond);
        Row($"Azurite raw upsert at a steady {rate:F0}/s", rawSteady, rawCapacity.PerSecond);
        Row($"Case intake over HTTP at a steady {rate:F0}/s", intakeSteady, rawCapacity.PerSecond);
    }

    private static void Row(string name, Latency.Result r, double baseline) =>
        Console.WriteLine($"| {name} | {r.PerSecond:F0} | {r.P50:F1} | {r.P99:F1} | {r.PerSecond / baseline:F2} |");
}
