using Azure.Data.Tables;
using Crm.Storage.AzureTables.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Hosting;

public static class GrainStorageBuilderExtensions
{
    /// <summary>Adds our Azure Tables grain storage under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions> configure)
    {
        builder.Services.AddAzureTableGrainStorage(name, configure);
        return builder;
    }

    /// <summary>Adds our Azure Tables grain storage as the default for grains that name no storage.</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<AzureTableGrainStorageOptions> configure) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static IServiceCollection AddAzureTableGrainStorage(this IServiceCollection services, string name, Action<AzureTableGrainStorageOptions> configure)
    {
        services.AddOptions<AzureTableGrainStorageOptions>(name).Configure(configure);
        services.AddSingleton<IPostConfigureOptions<AzureTableGrainStorageOptions>>(sp => new PostConfigureOptions<AzureTableGrainStorageOptions>(
            name, options => options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>())));
        services.AddTransient<IConfigurationValidator>(sp => new AzureTableGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name), name));
        services.AddGrainStorage(name, Create);
        return services;
    }

    private static AzureTableGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name);
        var client = options.CreateClient?.Invoke(services) ?? services.GetRequiredService<TableServiceClient>();
        return new AzureTableGrainStorage(
            name, options, client, services.GetRequiredService<IOptions<ClusterOptions>>().Value,
            services.GetRequiredService<ILogger<AzureTableGrainStorage>>());
    }
}
