using System.Diagnostics;

namespace Crm.Bench;

/// <summary>Latency runs: a closed loop for capacity, and an open loop at a steady offered rate for honest percentiles.</summary>
internal static class Latency
{
    /// <summary><paramref name="concurrency"/> workers run <paramref name="count"/> operations as fast as they complete.</summary>
    public static async Task<Result> ClosedAsync(int count, int concurrency, Func<int, Task> operation)
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
        return Result.Of(count / watch.Elapsed.TotalSeconds, latencies);
    }

    /// <summary>
    /// Starts operation i at i / <paramref name="rate"/> seconds whatever the earlier ones do, and measures each from
    /// its scheduled start, so a stall shows in the percentiles instead of slowing the load (no coordinated omission).
    /// </summary>
    public static async Task<Result> OpenAsync(double rate, TimeSpan duration, Func<int, Task> operation)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var tasks = new List<Task>(count);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - watch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                await operation(index);
                latencies[index] = (watch.Elapsed - due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(tasks);
        return Result.Of(count / watch.Elapsed.TotalSeconds, latencies);
    }

    public sealed record Result(double PerSecond, double P50, double P99)
    {
        public static Result Of(double perSecond, double[] latencies)
        {
            Array.Sort(latencies);
            return new(perSecond, latencies[latencies.Length / 2], latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))]);
        }
    }
}
