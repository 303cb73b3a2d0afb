namespace Crm.Silo.Cases;

/// <summary>The cluster's one owner of the work-queue warm-up (key 0), so it runs once however many silos start.</summary>
public interface IQueueWarmUpGrain : IGrainWithIntegerKey
{
    /// <summary>Loads every tenant's queue, unless that was done moments ago (another silo asked first).</summary>
    /// <remarks>One-way: a starting silo must not wait for storage reads before it serves.</remarks>
    [Orleans.Concurrency.OneWay]
    Task WarmAsync();
}
