using System.Diagnostics;

namespace Crm.Bench;

/// <summary>A closed-loop load: <c>concurrency</c> workers run <c>count</c> operations in total, as fast as they complete.</summary>
internal static class Load
{
    public static async Task<double> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await operation(i);
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }
}
