using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Storage.AzureTables;
using Crm.Storage.AzureTables.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench;

/// <summary>
/// Work-queue reads over HTTP with many open cases: the first page of a tenant's queue, a severity-filtered page, an
/// assignee's cases and a page deep in the queue, next to the same first page of a tenant with 1,000 cases and a raw
/// point read, in one run on one fresh Azurite. Index rows are written through the product's store (encrypted subject
/// included); the queue grain loads them when first asked, and that load is timed on its own.
/// </summary>
internal static class QueueBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private const int PageSize = 50;
    private const int WarmUp = 20;
    private const int Reads = 200;
    private const string Big = "bench-big";
    private const string Small = "bench-small";
    private const string Assignee = "alice";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int open)
    {
        await using var stack = await BenchStack.StartAsync();
        foreach (var tenant in new[] { Big, Small })
        {
            (await stack.Admin.PostAsJsonAsync("api/tenants", new { tenantId = tenant, name = tenant })).EnsureSuccessStatusCode();
        }

        (await stack.Admin.PostAsJsonAsync($"api/tenants/{Big}/users", new { username = "bench-agent", displayName = "Agent", roles = new[] { "Agent" }, password = BenchStack.Password }))
            .EnsureSuccessStatusCode();
        (await stack.Admin.PutAsJsonAsync($"api/tenants/{Small}/users/bench-agent/roles", new { roles = new[] { "Agent" } })).EnsureSuccessStatusCode();
        using var agent = await BenchStack.SignInAsync(stack.BaseAddress, "bench-agent", BenchStack.Password);

        var store = (TableCaseQueueStore)stack.Silo.Services.GetRequiredService<ICaseQueueStore>();
        var watch = Stopwatch.StartNew();
        var assigned = await SeedAsync(store, Big, open);
        await SeedAsync(store, Small, 1000);
        var seeding = watch.Elapsed;

        // The first read activates the queue grain, which loads every shard of the index once.
        var cluster = stack.Silo.Services.GetRequiredService<IClusterClient>();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var first = await cluster.GetGrain<ICaseQueueGrain>(Big).ListAsync(new CaseQueueQuery(PageSize: PageSize));
        var load = watch.Elapsed;
        // The silo runs in this process, so the heap's growth over the load is the queue's footprint (give or take noise).
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        if (first.Items.Length != PageSize)
        {
            throw new InvalidOperationException($"The queue of {Big} loaded {first.Items.Length} items on its first page.");
        }

        var deepToken = first.ContinuationToken;
        for (var i = 0; i < 9; i++)
        {
            deepToken = (await cluster.GetGrain<ICaseQueueGrain>(Big).ListAsync(new CaseQueueQuery(PageSize: PageSize, ContinuationToken: deepToken))).ContinuationToken;
        }

        var table = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient(CrmTables.CaseQueue);
        var sample = await table.QueryAsync<TableEntity>(maxPerPage: 1).FirstAsync();
        var results = new List<(string Name, double[] Latencies)>
        {
            ("Azurite raw point read, one entity (baseline)", await TimeAsync(() => table.GetEntityAsync<TableEntity>(sample.PartitionKey, sample.RowKey))),
            ("First page of a 1,000-case queue over HTTP (in-run baseline)", await TimeAsync(() => ReadFullPageAsync(agent, $"api/tenants/{Small}/queue?pageSize={PageSize}"))),
            ($"First page of the {open:N0}-case queue over HTTP", await TimeAsync(() => ReadFullPageAsync(agent, $"api/tenants/{Big}/queue?pageSize={PageSize}"))),
            ($"First page, severity Major (10% of {open:N0})", await TimeAsync(() => ReadFullPageAsync(agent, $"api/tenants/{Big}/queue?pageSize={PageSize}&severity=Major"))),
            ($"First page of one assignee's cases ({assigned:N0})", await TimeAsync(() => ReadFullPageAsync(agent, $"api/tenants/{Big}/queue?pageSize={PageSize}&assignee={Assignee}"))),
            ("Eleventh page (continuation token)", await TimeAsync(() => ReadFullPageAsync(agent, $"api/tenants/{Big}/queue?pageSize={PageSize}&continuationToken={deepToken}"))),
        };

        var point = Percentile(results[0].Latencies, 0.50);
        var small = Percentile(results[1].Latencies, 0.50);
        Console.WriteLine($"open={open} pageSize={PageSize} reads={Reads} (after {WarmUp} warm-up) one at a time, seeding {seeding.TotalSeconds:F0} s, queue load on first read {load.TotalSeconds:F1} s, heap growth {heapGrowth / 1048576.0:F0} MiB, cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
        Console.WriteLine("| what | p50 ms | p95 ms | p99 ms | p50 ratio to point read | p50 ratio to 1,000-case page |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, latencies) in results)
        {
            var p50 = Percentile(latencies, 0.50);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {p50:F2} | {Percentile(latencies, 0.95):F2} | {Percentile(latencies, 0.99):F2} | {p50 / point:F2} | {p50 / small:F2} |"));
        }
    }

    /// <summary>
    /// Seeds the tenant's queue index with <paramref name="count"/> open cases (every tenth Major, every twentieth
    /// assigned to <see cref="Assignee"/>), each in its shard lane, through the store's batched lane write.
    /// </summary>
    private static async Task<int> SeedAsync(TableCaseQueueStore store, string tenant, int count)
    {
        var items = Enumerable.Range(0, count).Select(i => (Key: SortKey(Item(i)), Item: Item(i))).ToList();
        var batches = items.GroupBy(r => QueueSlot.ShardLane(r.Item.CaseId)).SelectMany(g => g.Chunk(1000).Select(chunk => (Lane: g.Key, Rows: chunk)));
        // Azurite handles one request at a time; a few in flight keep it busy while the client encrypts the next.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
            await store.PutLaneAsync(tenant, batch.Lane, batch.Rows, ct));
        return items.Count(r => r.Item.Assignee == Assignee);
    }

    private static CaseQueueItem Item(int i)
    {
        var paused = i % 9 == 8;
        return new CaseQueueItem(
            "case-" + i.ToString("D7", CultureInfo.InvariantCulture), "cust-" + (i % 5000).ToString(CultureInfo.InvariantCulture),
            (CaseKind)(i % 3), i % 10 == 3 ? CaseSeverity.Major : CaseSeverity.Normal, i % 4 == 0 ? "billing" : "delivery",
            paused ? CaseStatus.WaitingOnCustomer : CaseStatus.InProgress, i % 20 == 5 ? Assignee : null, false,
            "My order " + i.ToString(CultureInfo.InvariantCulture) + " has not arrived and nobody answers the phone",
            Now.AddDays(-3), Now.AddMinutes(i * 7919 % 20000 - 2000), SlaTarget.Resolution, SlaStatus.Pending, paused,
            TimeSpan.FromMinutes(i * 31 % 3000), (CaseChannel)(i % 5));
    }

    private static string SortKey(CaseQueueItem item) =>
        new CaseUrgency(item.DueAt, item.DueTarget, item.SlaStatus, item.Paused, item.Left).SortKey(item.CaseId);

    private static async Task ReadFullPageAsync(HttpClient http, string url)
    {
        var page = await (await http.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CaseQueuePage>(Json);
        if (page!.Items.Length != PageSize)
        {
            throw new InvalidOperationException($"Expected a full page of {PageSize}, got {page.Items.Length}.");
        }
    }

    private static async Task<double[]> TimeAsync(Func<Task> read)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await read();
        }

        var latencies = new double[Reads];
        for (var i = 0; i < Reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * share) - 1)];
}
