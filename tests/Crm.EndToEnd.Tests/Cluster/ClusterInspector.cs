using Crm.Contracts.Cases;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Crm.EndToEnd.Tests.Cluster;

/// <summary>
/// An Orleans client of the test, joined to a <see cref="ProcessCluster"/> through its membership table, that asks
/// Orleans' management grain where grains are active: so a fault test can name the grains a killed silo hosted.
/// </summary>
public sealed class ClusterInspector : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterInspector(IHost host) => _host = host;

    public static async Task<ClusterInspector> ConnectAsync(ProcessCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ClusterId))
            .UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(cluster.Azurite.ConnectionString)));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterInspector(host);
    }

    /// <summary>The ids of the tenant's cases whose grains are active on the silo listening on <paramref name="siloPort"/>.</summary>
    public async Task<IReadOnlyList<string>> CasesActiveOnAsync(int siloPort, string tenant)
    {
        var management = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var silo = (await management.GetHosts(onlyActive: true)).Keys.Single(s => s.Endpoint.Port == siloPort);
        var activations = await management.GetDetailedGrainStatistics(hostsIds: [silo]);
        return
        [
            .. activations
                .Where(a => a.GrainType.Contains("CaseGrain", StringComparison.Ordinal) && !a.GrainType.Contains("Queue", StringComparison.Ordinal))
                .Select(a => a.GrainId.Key.ToString()!)
                .Where(key => key.StartsWith(tenant + "/", StringComparison.Ordinal))
                .Select(key => CaseKey.Parse(key).CaseId),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
