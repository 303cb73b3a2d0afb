using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Tests.Support;

/// <summary>
/// The provider as a silo would build it (same registration, same DI), started through a silo lifecycle so the
/// table gets created, but without a silo around it.
/// </summary>
public sealed class GrainStorageHarness : IAsyncDisposable
{
    public const string ProviderName = "test";

    private readonly ServiceProvider _services;

    private GrainStorageHarness(ServiceProvider services, string tableName)
    {
        _services = services;
        TableName = tableName;
        Storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
    }

    public IGrainStorage Storage { get; }

    public string TableName { get; }

    public TableClient Table => _services.GetRequiredService<TableServiceClient>().GetTableClient(TableName);

    public static string FreshTableName() => "CrmTest" + Guid.NewGuid().ToString("N");

    /// <param name="register">Registers the provider under test as <see cref="ProviderName"/> on the given table; ours unless given
    /// (the conformance comparison passes Orleans' own).</param>
    public static async Task<GrainStorageHarness> StartAsync(
        string connectionString, string? tableName = null, string serviceId = "crm-tests", Action<AzureTableGrainStorageOptions>? configure = null,
        Action<IServiceCollection, string>? register = null)
    {
        tableName ??= FreshTableName();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer(serializer => serializer.AddAssembly(typeof(TestState).Assembly));
        services.Configure<ClusterOptions>(cluster =>
        {
            cluster.ServiceId = serviceId;
            cluster.ClusterId = "tests";
        });
        services.AddSingleton(new TableServiceClient(connectionString));
        if (register is null)
        {
            services.AddAzureTableGrainStorage(ProviderName, (AzureTableGrainStorageOptions options) =>
            {
                options.TableName = tableName;
                configure?.Invoke(options);
            });
        }
        else
        {
            register(services, tableName);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
            foreach (var participant in provider.GetServices<ILifecycleParticipant<ISiloLifecycle>>())
            {
                participant.Participate(lifecycle);
            }

            await lifecycle.OnStart();
            return new GrainStorageHarness(provider, tableName);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads into a fresh grain state, as a new activation would.</summary>
    public async Task<StoredState> ReadAsync(GrainId grainId, string stateName = "state")
    {
        var state = TestGrains.Empty();
        await Storage.ReadStateAsync(stateName, grainId, state);
        Assert.NotNull(state.State);
        return new StoredState(state.State, state.ETag, state.RecordExists);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>What a read found.</summary>
public sealed record StoredState(TestState State, string? ETag, bool RecordExists);
