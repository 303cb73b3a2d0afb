using Crm.Contracts.Reports;
using Orleans.Concurrency;

namespace Crm.Grains.Reports;

/// <summary>Writes the front ends' minute totals; stateless, so every silo takes its share.</summary>
[StatelessWorker]
public sealed class ServiceTrafficGrain(IAvailabilityStore store) : Grain, IServiceTrafficGrain
{
    public Task RecordAsync(string instance, ImmutableArray<TrafficMinute> minutes)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        return minutes.IsDefaultOrEmpty ? Task.CompletedTask : store.RecordTrafficAsync(instance, minutes);
    }
}
