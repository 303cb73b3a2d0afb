using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Hosting;
using Orleans.TestingHost;

namespace Crm.Storage.AzureTables.Tests.Cluster;

/// <summary>In-process clusters whose default grain storage is our provider.</summary>
public static class TestClusters
{
    public static InProcessTestCluster Build(
        string serviceId, short silos, Action<AzureTableGrainStorageOptions> configureStorage)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddAzureTableGrainStorageAsDefault(configureStorage));
        return builder.Build();
    }

    public static string FreshServiceId() => "crm-cluster-" + Guid.NewGuid().ToString("N")[..12];
}
