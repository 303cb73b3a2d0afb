using Crm.Contracts.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Client.Infrastructure;

/// <summary>Ready means a grain call reaches the cluster and the cluster reaches its storage.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var problem = await cluster.GetGrain<IStorageHealthGrain>(0).CheckAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Storage: " + problem);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer.", ex);
        }
    }
}
