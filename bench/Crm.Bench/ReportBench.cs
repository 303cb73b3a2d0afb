using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Grains.Reports;
using Crm.Storage.AzureTables.Stores;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench;

/// <summary>
/// One monthly report (the PDF over HTTP, generated from the aggregates) for a tenant with many cases, next to a full
/// scan of cases' history recomputing the month, in one run on one fresh Azurite. The day aggregates of every case are
/// counted by the product's own replay and stored through its day store; the first <c>history</c> cases are also
/// seeded through the product's history store (one transaction per case: opened, answered, resolved) and scanned,
/// and the scan's month must equal what their events count.
/// </summary>
internal static class ReportBench
{
    private const string Tenant = "bench-reports";
    private const string Month = "2026-11";
    private const int Repeats = 5;
    private static int Refused;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int cases, int history, int concurrency)
    {
        history = Math.Min(history, cases);
        // In memory: Azurite's disk autosave re-serialises the whole database and crawls past about a million rows.
        await using var stack = await BenchStack.StartOnAsync(AzuriteOptions.LargeInMemory);
        (await Setup.PostUntilServedAsync(stack.Admin, "api/tenants", new { tenantId = Tenant, name = "Bench Mall" })).Dispose();
        (await Setup.PostUntilServedAsync(stack.Admin, $"api/tenants/{Tenant}/users", new { username = "bench-am", displayName = "AM", roles = new[] { "AccountManager" }, password = BenchStack.Password })).Dispose();
        using var manager = await BenchStack.SignInAsync(stack.BaseAddress, "bench-am", BenchStack.Password);
        var store = stack.Silo.Services.GetRequiredService<TableCaseHistoryStore>();
        var days = stack.Silo.Services.GetRequiredService<IReportDayStore>();

        // The first `history` cases' histories go into the history table (what the scan reads); Azurite's table store
        // cannot hold all of a million cases' rows here (see docs/benchmarks.md), so the rest exist only as counts.
        var watch = Stopwatch.StartNew();
        var ofHistory = new Dictionary<DateOnly, ReportAggregate>();
        var gate = new Lock();
        var seeded = 0L;
        using var stopProgress = new CancellationTokenSource();
        var progress = SeedingProgress.PrintAsync("cases", () => Interlocked.Read(ref seeded), history, watch, stopProgress.Token);
        await Load.RunAsync(history, concurrency, async i =>
        {
            var (caseId, events, facts) = Case(i);
            await store.PutAllAsync(Tenant, caseId, events);
            lock (gate)
            {
                AddTo(ofHistory, facts);
            }

            Interlocked.Increment(ref seeded);
        });
        await stopProgress.CancelAsync();
        await progress;
        var historySeeding = watch.Elapsed;

        // Every case's facts, counted by the product's own replay into day aggregates, stored through its day store.
        watch.Restart();
        var perDay = new Dictionary<DateOnly, ReportAggregate>();
        for (var i = 0; i < cases; i++)
        {
            AddTo(perDay, Case(i).Facts);
        }

        foreach (var (day, aggregate) in perDay)
        {
            await days.TryAddAsync(Tenant, day, "bench-seed", aggregate, null);
        }

        var aggregateSeeding = watch.Elapsed;
        var peakSeeded = Process.GetCurrentProcess().PeakWorkingSet64;
        var counted = ReportAggregate.Combine(perDay.Values);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {history:N0} cases' history in {historySeeding.TotalSeconds:F0} s ({history / historySeeding.TotalSeconds:F0} cases/s) and {perDay.Count} day aggregates counting {counted.Opened:N0} cases in {aggregateSeeding.TotalSeconds:F0} s; measuring the report, then the scan"));
        if (counted.Opened != cases)
        {
            throw new InvalidOperationException($"The day aggregates count {counted.Opened} cases opened, not {cases}.");
        }

        // The report: first call activates the days' grains from storage; later calls are warm.
        var (cold, coldAllocated) = await MeasureAsync(() => ReportAsync(manager));
        var warm = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            warm.Add((await MeasureAsync(() => ReportAsync(manager))).Elapsed);
        }

        var reported = await ReportedCasesAsync(manager);
        if (reported != cases)
        {
            throw new InvalidOperationException($"The month's aggregate over HTTP counts {reported} cases opened, not {cases}.");
        }
        Process.GetCurrentProcess().Refresh();
        var peakReported = Process.GetCurrentProcess().PeakWorkingSet64;

        // The scan: every history row of the tenant, replayed into the month, as reconciliation does.
        ReportAggregate scanned = ReportAggregate.Empty;
        var scan = stack.Silo.Services.GetRequiredService<ICaseHistoryScan>();
        var scannedCases = 0;
        var (scanTime, scanAllocated) = await MeasureAsync(async () =>
        {
            await foreach (var (caseId, events) in scan.ScanTenantAsync(Tenant))
            {
                scannedCases++;
                var items = events.Select(e => new CaseHistoryItem(e.Sequence, e.At, e.Type, e.To, e.Target, e.Text)).ToList();
                foreach (var f in CaseReplay.Facts(caseId, CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", SlaPolicy.Default, items))
                {
                    scanned = scanned.Add(f);
                }
            }
        });
        var fromHistory = ReportAggregate.Combine(ofHistory.Values);
        if (scannedCases != history || scanned != fromHistory)
        {
            throw new InvalidOperationException($"The scan ({scannedCases} cases) and the seeded histories ({history}) disagree: " + string.Join("; ", AggregateDiff.Between(scanned, fromHistory)));
        }

        var median = warm.Order().ElementAt(warm.Count / 2);
        // Linear in the cases: a lower bound on Azurite, whose every page of a query re-filters and re-sorts the table.
        var scanOfAll = scanTime * ((double)cases / history);
        Process.GetCurrentProcess().Refresh();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A tenant of {cases:N0} cases in its day aggregates ({perDay.Count} days), {history:N0} of them ({history * 3L:N0} history rows) in the history table."));
        Console.WriteLine("| what | time | allocated | ratio to the scan of the history table | ratio to the scan extrapolated to every case |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Row($"Full scan of {history:N0} cases' history, recomputing {Month} (measured baseline)", scanTime, scanAllocated, scanTime, scanOfAll));
        Console.WriteLine(Row($"Full scan of {cases:N0} cases' history (extrapolated linearly from the line above, not measured)", scanOfAll, null, scanTime, scanOfAll));
        Console.WriteLine(Row("Monthly report PDF over HTTP from the aggregates, first (day grains activated from storage)", cold, coldAllocated, scanTime, scanOfAll));
        Console.WriteLine(Row($"Monthly report PDF over HTTP from the aggregates, warm (median of {Repeats})", median, null, scanTime, scanOfAll));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The month's aggregate over HTTP counts {reported:N0} cases opened. Report calls answered 503 and tried again: {Refused} (their time is in the call's)."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Process peak working set (silo, front end and bench; Azurite runs apart): {peakSeeded / 1048576.0:F0} MiB after seeding, {peakReported / 1048576.0:F0} MiB after the reports, {peak / 1048576.0:F0} MiB after the scan. Load average at the end: {SeedingProgress.LoadAverage()}."));
    }

    private static void AddTo(Dictionary<DateOnly, ReportAggregate> perDay, IReadOnlyList<CaseFact> facts)
    {
        foreach (var f in facts)
        {
            var day = DateOnly.FromDateTime(f.At.UtcDateTime);
            perDay[day] = perDay.GetValueOrDefault(day, ReportAggregate.Empty).Add(f);
        }
    }


    private static string Row(string what, TimeSpan time, long? allocated, TimeSpan scan, TimeSpan scanOfAll) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {what} | {time.TotalMilliseconds:N0} ms | {(allocated is { } a ? $"{a / 1048576.0:F1} MiB" : "–")} | {scan / time:F1}x faster | {scanOfAll / time:F1}x faster |");

    private static async Task<(TimeSpan Elapsed, long Allocated)> MeasureAsync(Func<Task> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await action();
        return (watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static async Task<long> ReportedCasesAsync(HttpClient manager)
    {
        using var response = await manager.GetAsync($"api/tenants/{Tenant}/reports/{Month}/aggregate");
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("aggregate").GetProperty("opened").GetInt64();
    }

    /// <summary>The report PDF; a 503 (the budget missed on a cold, loaded host) counts in <see cref="Refused"/> and is tried again.</summary>
    private static async Task ReportAsync(HttpClient manager)
    {
        var response = await manager.GetAsync($"api/tenants/{Tenant}/reports/{Month}/report.pdf?language=zh-CN");
        for (var attempt = 1; response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && attempt < 10; attempt++)
        {
            Interlocked.Increment(ref Refused);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
            response = await manager.GetAsync($"api/tenants/{Tenant}/reports/{Month}/report.pdf?language=zh-CN");
        }

        using var answered = response;
        response.EnsureSuccessStatusCode();
        if ((await response.Content.ReadAsByteArrayAsync()).Length < 10_000)
        {
            throw new InvalidOperationException("The report PDF is suspiciously small.");
        }
    }

    /// <summary>Case i: opened in November, answered after i mod 180 minutes, resolved after i mod 360 minutes more.</summary>
    private static (string CaseId, IReadOnlyList<CaseEvent> Events, IReadOnlyList<CaseFact> Facts) Case(int i)
    {
        var caseId = "c" + i.ToString("D8", CultureInfo.InvariantCulture);
        var opened = Start.AddSeconds(i * 2503L % (29L * 86400));
        var replied = opened.AddMinutes(1 + (i % 180));
        var resolved = replied.AddMinutes(1 + (i % 360));
        CaseEvent[] events =
        [
            new(1, opened, CaseEventType.Opened, "bench"),
            new(2, replied, CaseEventType.Replied, "bench"),
            new(3, resolved, CaseEventType.StatusChanged, "bench", From: CaseStatus.New, To: CaseStatus.Resolved),
        ];
        var items = events.Select(e => new CaseHistoryItem(e.Sequence, e.At, e.Type, e.To, e.Target, e.Text)).ToList();
        return (caseId, events, CaseReplay.Facts(caseId, CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", SlaPolicy.Default, items));
    }
}
