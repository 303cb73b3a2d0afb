using Azure.Data.Tables;
using Crm.Grains.Customers;
using Crm.Silo;
using Crm.Storage.AzureTables.Stores;
using Microsoft.Extensions.DependencyInjection;
using Crm.Storage.AzureTables.Hosting;
using Crm.Testing;
using Orleans.TestingHost;

namespace Crm.Grains.Tests;

/// <summary>A real in-process cluster with our grains on a real Azurite, shared by a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private AzuriteServer? _azurite;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public AzuriteServer Azurite => _azurite!;

    /// <summary>The directory store of the (single) silo, for injecting failures.</summary>
    public FlakyDirectoryStore Directory =>
        (FlakyDirectoryStore)Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<ICustomerDirectoryStore>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        Cluster = await StartClusterAsync(_azurite.ConnectionString);
    }

    /// <summary>A new cluster on the same storage and service id: what a restart of every silo looks like.</summary>
    public async Task RestartClusterAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = await StartClusterAsync(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string connectionString)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "crm-grain-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddCrmTableServiceClient(connectionString);
            silo.AddCrmGrains();
            silo.Services.AddSingleton<ICustomerDirectoryStore>(sp =>
                new FlakyDirectoryStore(new TableCustomerDirectoryStore(sp.GetRequiredService<TableServiceClient>())));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
