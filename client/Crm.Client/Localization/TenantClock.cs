using System.Collections.Concurrent;
using Crm.Contracts.ServiceDesk;

namespace Crm.Client.Localization;

/// <summary>
/// Finds a tenant's time zone from its SLA policy, once per circuit or request (scoped), so a page full of times makes
/// one grain call. A changed policy shows on the next page load.
/// </summary>
public sealed class TenantClock(IClusterClient cluster, ILogger<TenantClock> log)
{
    private readonly ConcurrentDictionary<string, Task<TenantZone>> zones = new(StringComparer.Ordinal);

    public Task<TenantZone> ZoneAsync(string? tenantId) =>
        string.IsNullOrEmpty(tenantId) ? Task.FromResult(TenantZone.Utc) : zones.GetOrAdd(tenantId, LoadAsync);

    private async Task<TenantZone> LoadAsync(string tenantId)
    {
        try
        {
            var policy = await cluster.GetGrain<IServiceDeskGrain>(tenantId).GetSlaPolicyAsync();
            return TenantZone.For(policy.Calendar.TimeZoneId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A time shown in UTC, and labelled so, beats a page that fails to render.
            log.LogWarning(e, "Could not read the time zone of tenant {TenantId}; showing UTC", tenantId);
            zones.TryRemove(tenantId, out _);
            return TenantZone.Utc;
        }
    }
}
