using Crm.Storage.AzureTables.GrainStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Crm.Storage.AzureTables.Hosting;

/// <summary>Registers <see cref="AzureTableGrainStorage"/> the way Orleans registers its own storage providers.</summary>
public static class AzureTableGrainStorageExtensions
{
    /// <summary>Adds Azure Tables grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(
        this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions>? configureOptions = null)
    {
        builder.Services.AddAzureTableGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds Azure Tables grain storage as the default provider (grains that name no storage).</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(
        this ISiloBuilder builder, Action<AzureTableGrainStorageOptions>? configureOptions = null) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <inheritdoc cref="AddAzureTableGrainStorageAsDefault(ISiloBuilder, Action{AzureTableGrainStorageOptions}?)"/>
    public static IServiceCollection AddAzureTableGrainStorageAsDefault(
        this IServiceCollection services, Action<AzureTableGrainStorageOptions>? configureOptions = null) =>
        services.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <inheritdoc cref="AddAzureTableGrainStorage(ISiloBuilder, string, Action{AzureTableGrainStorageOptions}?)"/>
    public static IServiceCollection AddAzureTableGrainStorage(
        this IServiceCollection services, string name, Action<AzureTableGrainStorageOptions>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<AzureTableGrainStorageOptions>(name);
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Transient<IPostConfigureOptions<AzureTableGrainStorageOptions>, AzureTableGrainStorageSerializerConfigurator>());
        services.AddTransient<IConfigurationValidator>(sp => new AzureTableGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name), name, sp));
        services.ConfigureNamedOptionForLogging<AzureTableGrainStorageOptions>(name);

        // Keyed IGrainStorage under the name, the lifecycle participant, and the unkeyed default when name is "Default".
        return services.AddGrainStorage(name, AzureTableGrainStorage.Create);
    }
}
