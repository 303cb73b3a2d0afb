using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>Which serializer a provider ends up with: explicit, then keyed by provider name, then Orleans' binary one.</summary>
public sealed class AzureTableGrainStorageSerializerConfiguratorTests
{
    [Fact]
    public void GrainStorageSerializer_NotConfigured_IsOrleansBinarySerializer()
    {
        // Even though the silo-wide default (what Orleans registers unkeyed) is JSON.
        var services = Services();
        services.AddSingleton<IGrainStorageSerializer>(sp => new SystemTextJsonGrainStorageSerializer(
            Options.Create(new SystemTextJsonGrainStorageSerializerOptions())));

        Assert.IsType<OrleansGrainStorageSerializer>(SerializerOf(services, "crm"));
    }

    [Fact]
    public void GrainStorageSerializer_KeyedUnderProviderName_IsUsed()
    {
        var services = Services();
        var keyed = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
        services.AddKeyedSingleton<IGrainStorageSerializer>("crm", keyed);

        Assert.Same(keyed, SerializerOf(services, "crm"));
        Assert.IsType<OrleansGrainStorageSerializer>(SerializerOf(services, "other"));
    }

    [Fact]
    public void GrainStorageSerializer_SetInOptions_IsKept()
    {
        var explicitSerializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
        var services = Services((AzureTableGrainStorageOptions options) => options.GrainStorageSerializer = explicitSerializer);

        Assert.Same(explicitSerializer, SerializerOf(services, "crm"));
    }

    private static ServiceCollection Services(Action<AzureTableGrainStorageOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSerializer();
        services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"));
        services.AddAzureTableGrainStorage("crm", configure);
        services.AddAzureTableGrainStorage("other", configure);
        return services;
    }

    private static IGrainStorageSerializer SerializerOf(ServiceCollection services, string name) =>
        services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name).GrainStorageSerializer;
}
