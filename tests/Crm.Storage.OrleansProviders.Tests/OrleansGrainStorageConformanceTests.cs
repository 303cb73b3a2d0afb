using Crm.Storage.AzureTables.Tests.GrainStorage;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Storage;

namespace Crm.Storage.OrleansProviders.Tests;

/// <summary>
/// Every case our grain storage passes (<see cref="AzureTableGrainStorageTests"/>), run against Orleans' own
/// <c>Microsoft.Orleans.Persistence.AzureStorage</c> on the same Azurite. Where it fails, docs/storage.md says why.
/// </summary>
[Collection(OrleansProvidersCollection.Name)]
[Trait("Category", OrleansProvidersCollection.Category)]
public sealed class OrleansGrainStorageConformanceTests(AzuriteFixture azurite) : AzureTableGrainStorageTests(azurite)
{
    protected override Task<GrainStorageHarness> StartHarnessAsync(string connectionString, string? tableName, string serviceId) =>
        OrleansGrainStorage.StartAsync(connectionString, tableName, serviceId);
}

/// <summary>Orleans' own Azure Table grain storage in the harness our provider's tests use.</summary>
internal static class OrleansGrainStorage
{
    public static Task<GrainStorageHarness> StartAsync(string connectionString, string? tableName = null, string serviceId = "crm-tests") =>
        GrainStorageHarness.StartAsync(connectionString, tableName, serviceId, register: (services, table) =>
        {
            // A silo's default grain-state serializer (System.Text.Json), which the harness has no silo to bring.
            services.TryAddSingleton<IGrainStorageSerializer>(new SystemTextJsonGrainStorageSerializer(
                Microsoft.Extensions.Options.Options.Create(new Orleans.Serialization.SystemTextJsonGrainStorageSerializerOptions())));
            new ServicesOnly(services).AddAzureTableGrainStorage(GrainStorageHarness.ProviderName, options =>
            {
                options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(connectionString);
                options.TableName = table;
            });
        });

    /// <summary>Orleans registers its grain storage on a silo builder only; the harness has just the services.</summary>
    private sealed class ServicesOnly(IServiceCollection services) : ISiloBuilder
    {
        public IServiceCollection Services => services;

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
