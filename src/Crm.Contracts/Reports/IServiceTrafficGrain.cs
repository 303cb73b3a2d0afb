namespace Crm.Contracts.Reports;

/// <summary>
/// Where front ends hand over their request counts, a few minutes at a time (key 0). Stateless: it only writes the
/// totals through the availability store.
/// </summary>
public interface IServiceTrafficGrain : IGrainWithIntegerKey
{
    Task RecordAsync(string instance, ImmutableArray<TrafficMinute> minutes);
}
