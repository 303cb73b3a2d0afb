using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Crm.Testing;

namespace Crm.Bench;

/// <summary>
/// The chaos run: for each fault (a silo killed, a rolling restart of every silo, the storage restarted), a fresh
/// three-silo cluster of processes under a retried case-creation load, and what its clients saw. Lost and doubled
/// cases are counted against the acknowledged ones by reading each back and reading the work queue.
/// </summary>
public static class ChaosBench
{
    public static async Task RunAsync(int requests, int workers, IReadOnlySet<string>? only = null)
    {
        Console.WriteLine($"Chaos: {requests} case creations per fault, {workers} clients retrying 503s with the same Idempotency-Key, 3 silo processes ({DateTime.UtcNow:yyyy-MM-dd}).");
        Console.WriteLine("| fault | requests | acknowledged | lost | duplicates | success | failed attempts (all 503) | slowest failed | outage | recovered after the fault | p50 to acknowledged | p99 to acknowledged |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        (double P50, double P99)? baseline = null;
        foreach (var (name, fault) in new (string, Func<ProcessCluster, Task>)[]
                 {
                     // The fault-free run first: the latency every fault's is compared with, on the same machine in the same run.
                     ("none (baseline)", _ => Task.CompletedTask),
                     ("silo kill", c => { c.KillSilo(1); return Task.CompletedTask; }),
                     ("rolling restart", async c => { for (var i = 0; i < c.SiloCount; i++) { await c.RestartSiloAsync(i); } }),
                     ("storage restart", c => c.Azurite.RestartAsync()),
                 }.Where(f => only is null || only.Contains(f.Item1.Split(' ')[0])))
        {
            await using var cluster = await ProcessCluster.StartAsync(silos: 3);
            var (http, tenant, customerId) = await cluster.SeedTenantAsync(TimeSpan.FromHours(2));
            DateTimeOffset? faultOver = null;
            var outcome = await RetriedCaseLoad.RunAsync(http, tenant, customerId, requests, workers, 0.25, async () =>
            {
                await fault(cluster);
                faultOver = DateTimeOffset.UtcNow;
            }, TimeSpan.FromSeconds(60));
            var (lost, duplicates) = await CountAsync(http, tenant, outcome);
            var (p50, p99) = ToAcknowledged(outcome);
            baseline ??= (p50, p99);
            // From the end of the fault (the storage back, the last silo restarted) to the end of the last failed attempt.
            var recovered = outcome.Failures.Count == 0 || faultOver is null
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Max(0, (outcome.StartedAt + outcome.Failures.Max(f => f.At + f.Took) - faultOver.Value).Ticks));
            var others = outcome.Failures.Count(f => f.Status != HttpStatusCode.ServiceUnavailable);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {outcome.Requests} | {outcome.Acknowledged.Count} | {lost} | {duplicates} | {outcome.SuccessShare:P2} | {outcome.Failures.Count}{(others > 0 ? $" ({others} not 503)" : "")} | {outcome.SlowestFailure.TotalSeconds:F2} s | {outcome.OutageLength.TotalSeconds:F1} s | {recovered.TotalSeconds:F1} s | {p50:F0} ms ({p50 / baseline.Value.P50:F2}x) | {p99:F0} ms ({p99 / baseline.Value.P99:F2}x) |"));
        }
    }

    /// <summary>What a client waits from its first attempt to its acknowledgement, retries included: median and 99th percentile.</summary>
    private static (double P50, double P99) ToAcknowledged(LoadOutcome outcome)
    {
        var waits = outcome.Attempts.GroupBy(a => a.Key)
            .Where(g => g.Any(a => a.Succeeded))
            .Select(g => (g.Max(a => a.At + a.Took) - g.Min(a => a.At)).TotalMilliseconds)
            .Order()
            .ToArray();
        return waits.Length == 0 ? (0, 0) : (waits[(int)(0.5 * (waits.Length - 1))], waits[(int)(0.99 * (waits.Length - 1))]);
    }

    private static async Task<(int Lost, int Duplicates)> CountAsync(HttpClient http, string tenant, LoadOutcome outcome)
    {
        var lost = 0;
        foreach (var caseId in outcome.Acknowledged.Values)
        {
            var read = await ProcessCluster.RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}"));
            lost += read.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        // The queue holds every open case of the tenant: more rows than acknowledged keys would be doubles.
        var queued = new List<string>();
        string? token = null;
        do
        {
            var url = $"api/tenants/{tenant}/queue?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await (await ProcessCluster.RetryOutageAsync(() => http.GetAsync(url))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            queued.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetString()!));
            token = page.TryGetProperty("continuationToken", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
        }
        while (token is not null);

        return (lost, queued.Count - queued.Distinct().Count() + queued.Except(outcome.Acknowledged.Values).Count());
    }
}

/// <summary>How long a killed silo takes to be declared dead in the membership table, with our tuning and Orleans' defaults.</summary>
public static class DeathDetectionBench
{
    public static async Task RunAsync(int rounds)
    {
        foreach (var (name, settings) in new (string, string[])[]
                 {
                     ("ours (2 s probes, 2 missed)", []),
                     ("Orleans defaults (5 s probes, 3 missed)", ["--Orleans:Membership:ProbeTimeout=00:00:05", "--Orleans:Membership:NumMissedProbesLimit=3"]),
                 })
        {
            var times = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                await using var cluster = await ProcessCluster.StartAsync(silos: 3, settings);
                var table = new Azure.Data.Tables.TableClient(cluster.Azurite.ConnectionString, "OrleansSiloInstances");
                var killed = System.Diagnostics.Stopwatch.StartNew();
                cluster.KillSilo(1);
                var port = cluster.SiloPort(1).ToString(CultureInfo.InvariantCulture);
                while (killed.Elapsed < TimeSpan.FromMinutes(3))
                {
                    var rows = table.QueryAsync<Azure.Data.Tables.TableEntity>(e => true);
                    var dead = false;
                    await foreach (var row in rows)
                    {
                        dead |= row.GetString("Port") == port && row.GetString("Status") == "Dead";
                    }

                    if (dead)
                    {
                        break;
                    }

                    await Task.Delay(100);
                }

                times.Add(killed.Elapsed.TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-42} declared dead after {times.Average(),5:F1} s on average (min {times.Min():F1}, max {times.Max():F1}, {rounds} kills)"));
        }
    }
}
