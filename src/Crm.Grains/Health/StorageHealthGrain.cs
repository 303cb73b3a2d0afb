using Crm.Contracts.Health;
using Orleans.Concurrency;

namespace Crm.Grains.Health;

[StatelessWorker]
public sealed class StorageHealthGrain(IStorageProbe probe) : Grain, IStorageHealthGrain
{
    public async Task<string?> CheckAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await probe.PingAsync(timeout.Token);
            return null;
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
