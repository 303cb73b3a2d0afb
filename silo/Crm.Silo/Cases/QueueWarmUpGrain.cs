using Crm.Contracts.Access;
using Crm.Contracts.Cases;

namespace Crm.Silo.Cases;

/// <summary>
/// Loads every tenant's work queue into memory, one tenant at a time so it never crowds out live requests. Calls
/// are one at a time too, so when three silos start together the second and third find the work just done.
/// </summary>
public sealed partial class QueueWarmUpGrain(TimeProvider time, ILogger<QueueWarmUpGrain> logger) : Grain, IQueueWarmUpGrain
{
    /// <summary>Silos starting within this of a warm-up do not repeat it; a silo starting later (after a crash) does.</summary>
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _warmedAt;

    public async Task WarmAsync()
    {
        if (_warmedAt is { } at && time.GetUtcNow() - at < Recent)
        {
            return;
        }

        var tenants = await GrainFactory.GetGrain<ITenantRegistryGrain>(0).ListAsync();
        foreach (var tenant in tenants)
        {
            await GrainFactory.GetGrain<ICaseQueueGrain>(tenant.TenantId).ListAsync(new CaseQueueQuery(PageSize: 1));
        }

        _warmedAt = time.GetUtcNow();
        LogWarmed(tenants.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work queues of {Count} tenants loaded.")]
    private partial void LogWarmed(int count);
}
