using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Storage.AzureTables;
using Crm.Storage.AzureTables.Protection;
using Crm.Storage.AzureTables.Stores;
using Crm.Testing;

namespace Crm.Bench;

/// <summary>
/// Work-queue page reads with many open cases: the first page of a tenant's whole queue, a severity-filtered page
/// and an assignee's lane, next to the same first-page read of a tenant with 1,000 cases and a raw point read, all
/// measured in one run against one fresh Azurite. Rows are written through <see cref="TableCaseQueueStore"/>, so
/// they have the product's format (encrypted subject included).
/// </summary>
internal static class QueueBench
{
    private const int PageSize = 50;
    private const int WarmUp = 20;
    private const int Reads = 200;
    private const string Big = "bench-big";
    private const string Small = "bench-small";
    private const string Assignee = "alice";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int open)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        await service.CreateTableIfNotExistsAsync(CrmTables.CaseQueue);
        var keys = new Dictionary<string, string> { ["bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var protector = new PersonalDataProtector(
            PersonalDataKeyRing.FromValues(keys, "bench", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "bench"));
        var store = new TableCaseQueueStore(service, protector);

        var watch = Stopwatch.StartNew();
        var assigned = await SeedAsync(store, Big, open);
        await SeedAsync(store, Small, 1000);
        var seeding = watch.Elapsed;

        var table = service.GetTableClient(CrmTables.CaseQueue);
        var sample = await table.QueryAsync<TableEntity>(maxPerPage: 1).FirstAsync();
        var results = new List<(string Name, double[] Latencies)>
        {
            ("Azurite raw point read, one entity (baseline)", await TimeAsync(() => table.GetEntityAsync<TableEntity>(sample.PartitionKey, sample.RowKey))),
            ("First page of a 1,000-case queue (in-run baseline)", await TimeAsync(() => ReadFullPageAsync(store, Small, QueueSlot.AllLane, new CaseQueueQuery(PageSize: PageSize)))),
            ($"Azurite raw query of that page (same filter, top {PageSize}, no decryption)", await TimeAsync(() => RawPageAsync(table, Big))),
            ($"First page of the {open:N0}-case queue", await TimeAsync(() => ReadFullPageAsync(store, Big, QueueSlot.AllLane, new CaseQueueQuery(PageSize: PageSize)))),
            ($"First page, severity Major (10% of {open:N0})", await TimeAsync(() => ReadFullPageAsync(store, Big, QueueSlot.AllLane, new CaseQueueQuery(Severity: CaseSeverity.Major, PageSize: PageSize)))),
            ($"First page of one assignee's lane ({assigned:N0} cases)", await TimeAsync(() => ReadFullPageAsync(store, Big, QueueSlot.AssigneeLane(Assignee), new CaseQueueQuery(PageSize: PageSize)))),
        };

        var point = Percentile(results[0].Latencies, 0.50);
        var small = Percentile(results[1].Latencies, 0.50);
        Console.WriteLine($"open={open} pageSize={PageSize} reads={Reads} (after {WarmUp} warm-up) one at a time, seeding {seeding.TotalSeconds:F0} s, cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
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
    /// Seeds the tenant's "all" lane with <paramref name="count"/> open cases (every tenth Major, every twentieth
    /// assigned to <see cref="Assignee"/> and also in that lane) through the store's batched lane write.
    /// </summary>
    private static async Task<int> SeedAsync(TableCaseQueueStore store, string tenant, int count)
    {
        var items = Enumerable.Range(0, count).Select(i => (Key: SortKey(Item(i)), Item: Item(i))).ToList();
        // Azurite handles one request at a time; a few in flight keep it busy while the client encrypts the next.
        await Parallel.ForEachAsync(items.Chunk(1000), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
            await store.PutLaneAsync(tenant, QueueSlot.AllLane, chunk, ct));
        var assigned = items.Where(r => r.Item.Assignee == Assignee).ToList();
        await store.PutLaneAsync(tenant, QueueSlot.AssigneeLane(Assignee), assigned);
        return assigned.Count;
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

    private static async Task ReadFullPageAsync(TableCaseQueueStore store, string tenant, string lane, CaseQueueQuery query)
    {
        var page = await store.ReadAsync(tenant, lane, query);
        if (page.Items.Length != PageSize)
        {
            throw new InvalidOperationException($"Expected a full page of {PageSize}, got {page.Items.Length}.");
        }
    }

    private static async Task RawPageAsync(TableClient table, string tenant)
    {
        var pk = tenant + "|" + QueueSlot.AllLane;
        var rows = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: PageSize).AsPages())
        {
            rows = page.Values.Count;
            break;
        }

        if (rows != PageSize)
        {
            throw new InvalidOperationException($"Expected a full page of {PageSize}, got {rows}.");
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
