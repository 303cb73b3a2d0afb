using Crm.Grains.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Silo;

/// <summary>The silo is ready when its storage answers.</summary>
public sealed class StorageHealthCheck(IStorageProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Table storage did not answer.", ex);
        }
    }
}
