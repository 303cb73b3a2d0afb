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
/// scan of the same cases' history recomputing the month, in one run on one fresh Azurite. Cases are seeded through
/// the product's history store (one transaction per case: opened, answered, resolved), and the day aggregates
/// through its day store, counted from the same events by the product's own replay, so both sides hold the same month.
/// </summary>
internal static class ReportBench
{
    private const string Tenant = "bench-reports";
    private const string Month = "2026-11";
    private const int Repeats = 5;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int cases, int concurrency)
    {
        // In memory: Azurite's disk autosave re-serialises the whole database and crawls past about a million rows.
        await using var stack = await BenchStack.StartOnAsync(AzuriteOptions.LargeInMemory);
        await PostUntilServedAsync(stack.Admin, "api/tenants", new { tenantId = Tenant, name = "Bench Mall" });
        await PostUntilServedAsync(stack.Admin, $"api/tenants/{Tenant}/users", new { username = "bench-am", displayName = "AM", roles = new[] { "AccountManager" }, password = BenchStack.Password });
        using var manager = await BenchStack.SignInAsync(stack.BaseAddress, "bench-am", BenchStack.Password);
        var history = stack.Silo.Services.GetRequiredService<TableCaseHistoryStore>();
        var days = stack.Silo.Services.GetRequiredService<IReportDayStore>();

        var watch = Stopwatch.StartNew();
        var perDay = new Dictionary<DateOnly, ReportAggregate>();
        var gate = new Lock();
        var seeded = 0L;
        using var stopProgress = new CancellationTokenSource();
        var progress = PrintProgressAsync(() => Interlocked.Read(ref seeded), cases, watch, stopProgress.Token);
        await Load.RunAsync(cases, concurrency, async i =>
        {
            var (caseId, events, facts) = Case(i);
            await history.PutAllAsync(Tenant, caseId, events);
            lock (gate)
            {
                foreach (var f in facts)
                {
                    var day = DateOnly.FromDateTime(f.At.UtcDateTime);
                    perDay[day] = perDay.GetValueOrDefault(day, ReportAggregate.Empty).Add(f);
                }
            }

            Interlocked.Increment(ref seeded);
        });
        await stopProgress.CancelAsync();
        await progress;
        foreach (var (day, aggregate) in perDay)
        {
            await days.TryAddAsync(Tenant, day, "bench-seed", aggregate, null);
        }

        var seeding = watch.Elapsed;
        var peakSeeded = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {seeding.TotalSeconds:F0} s ({cases / seeding.TotalSeconds:F0} cases/s); measuring the report, then the scan"));
        var rows = cases * 3L;

        // The report: first call activates the days' grains from storage; later calls are warm.
        var (cold, coldAllocated) = await MeasureAsync(() => ReportAsync(manager));
        var warm = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            warm.Add((await MeasureAsync(() => ReportAsync(manager))).Elapsed);
        }

        Process.GetCurrentProcess().Refresh();
        var peakReported = Process.GetCurrentProcess().PeakWorkingSet64;

        // The scan: every history row of the tenant, replayed into the month, as reconciliation does.
        ReportAggregate scanned = ReportAggregate.Empty;
        var scan = stack.Silo.Services.GetRequiredService<ICaseHistoryScan>();
        var (scanTime, scanAllocated) = await MeasureAsync(async () =>
        {
            await foreach (var (caseId, events) in scan.ScanTenantAsync(Tenant))
            {
                var items = events.Select(e => new CaseHistoryItem(e.Sequence, e.At, e.Type, e.To, e.Target, e.Text)).ToList();
                foreach (var f in CaseReplay.Facts(caseId, CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", SlaPolicy.Default, items))
                {
                    scanned = scanned.Add(f);
                }
            }
        });
        var fromDays = ReportAggregate.Combine(perDay.Values);
        if (scanned != fromDays)
        {
            throw new InvalidOperationException("The scan and the seeded aggregates disagree: " + string.Join("; ", AggregateDiff.Between(scanned, fromDays)));
        }

        var median = warm.Order().ElementAt(warm.Count / 2);
        Process.GetCurrentProcess().Refresh();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {cases:N0} cases ({rows:N0} history rows) and {perDay.Count} day aggregates in {seeding.TotalSeconds:F0} s."));
        Console.WriteLine("| what | time | allocated | ratio to the scan |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(Row($"Full scan of {cases:N0} cases' history, recomputing {Month} (baseline)", scanTime, scanAllocated, scanTime));
        Console.WriteLine(Row($"Monthly report PDF over HTTP from the aggregates, first (day grains activated from storage)", cold, coldAllocated, scanTime));
        Console.WriteLine(Row($"Monthly report PDF over HTTP from the aggregates, warm (median of {Repeats})", median, null, scanTime));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Process peak working set (silo, front end and bench; Azurite runs apart): {peakSeeded / 1048576.0:F0} MiB after seeding, {peakReported / 1048576.0:F0} MiB after the reports, {peak / 1048576.0:F0} MiB after the scan. Load average at the end: {LoadAverage()}."));
    }

    /// <summary>A cold cluster on a loaded machine answers 503 at first: try again, 2 s apart, up to 30 times.</summary>
    private static async Task PostUntilServedAsync(HttpClient http, string path, object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var answer = await http.PostAsJsonAsync(path, body);
            if (answer.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                answer.EnsureSuccessStatusCode();
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Every 10 s, the cases seeded and the rate, so a slow run shows itself long before it ends.</summary>
    private static async Task PrintProgressAsync(Func<long> seeded, int total, Stopwatch watch, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        var last = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = seeded();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seeding: {now:N0} / {total:N0} cases after {watch.Elapsed.TotalSeconds:F0} s, {(now - last) / 10.0:F0} cases/s over the last 10 s, load average {LoadAverage()}"));
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Seeding is done.
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Row(string what, TimeSpan time, long? allocated, TimeSpan scan) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {what} | {time.TotalMilliseconds:F0} ms | {(allocated is { } a ? $"{a / 1048576.0:F1} MiB" : "–")} | {scan / time:F1}x faster |");

    private static async Task<(TimeSpan Elapsed, long Allocated)> MeasureAsync(Func<Task> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await action();
        return (watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static async Task ReportAsync(HttpClient manager)
    {
        using var response = await manager.GetAsync($"api/tenants/{Tenant}/reports/{Month}/report.pdf?language=zh-CN");
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
