namespace Crm.Client.Components.Cases;

/// <summary>
/// Calls back on a period while a page is open (live countdowns, refreshes). One tick at a time: a slow refresh
/// delays the next tick instead of piling up calls on the circuit.
/// </summary>
internal sealed class Ticker : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private Ticker(TimeSpan period, Func<Task> onTick) => _ = RunAsync(period, onTick, _stop.Token);

    public static Ticker Start(TimeSpan period, Func<Task> onTick) => new(period, onTick);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static async Task RunAsync(TimeSpan period, Func<Task> onTick, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await onTick();
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    // A failed refresh leaves the last data on screen; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }
}
