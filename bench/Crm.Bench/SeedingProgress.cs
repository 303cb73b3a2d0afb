using System.Diagnostics;
using System.Globalization;

namespace Crm.Bench;

/// <summary>What a long seeding prints, so a slow run shows itself long before it ends.</summary>
internal static class SeedingProgress
{
    /// <summary>Every 10 s, how many <paramref name="what"/> are seeded, the rate and the load average, until stopped.</summary>
    public static async Task PrintAsync(string what, Func<long> seeded, int total, Stopwatch watch, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        var last = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = seeded();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seeding: {now:N0} / {total:N0} {what} after {watch.Elapsed.TotalSeconds:F0} s, {(now - last) / 10.0:F0} {what}/s over the last 10 s, load average {LoadAverage()}"));
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Seeding is done.
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
