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
    public static async Task RunAsync(int requests, int workers)
    {
        Console.WriteLine($"Chaos: {requests} case creations per fault, {workers} clients retrying 503s with the same Idempotency-Key, 3 silo processes.");
        Console.WriteLine("fault              requests  acknowledged  lost  duplicates  success   failed attempts  slowest failed  outage");
        foreach (var (name, fault) in new (string, Func<ProcessCluster, Task>)[]
                 {
                     ("silo kill", c => { c.KillSilo(1); return Task.CompletedTask; }),
                     ("rolling restart", async c => { for (var i = 0; i < c.SiloCount; i++) { await c.RestartSiloAsync(i); } }),
                     ("storage restart", c => c.Azurite.RestartAsync()),
                 })
        {
            await using var cluster = await ProcessCluster.StartAsync(silos: 3);
            var (http, tenant, customerId) = await cluster.SeedTenantAsync(TimeSpan.FromHours(2));
            var outcome = await RetriedCaseLoad.RunAsync(http, tenant, customerId, requests, workers, 0.25, () => fault(cluster), TimeSpan.FromSeconds(60));
            var (lost, duplicates) = await CountAsync(http, tenant, outcome);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-18} {outcome.Requests,8}  {outcome.Acknowledged.Count,12}  {lost,4}  {duplicates,10}  {outcome.SuccessShare,7:P2}  {outcome.Failures.Count,15}  {outcome.SlowestFailure.TotalSeconds,12:F2} s  {outcome.OutageLength.TotalSeconds,5:F1} s"));
            foreach (var status in outcome.Failures.GroupBy(f => f.Status))
            {
                Console.WriteLine($"{"",18}   failed attempts answered {(int)status.Key}: {status.Count()}");
            }
        }
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
