using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>
/// Fills <see cref="AzureTableGrainStorageOptions.GrainStorageSerializer"/> when it was not set: a keyed
/// <see cref="IGrainStorageSerializer"/> registered under the provider's name wins, else Orleans' binary serializer.
/// </summary>
/// <remarks>
/// Orleans' own <see cref="DefaultStorageProviderSerializerOptionsConfigurator{TOptions}"/> would fall back to the
/// silo-wide default, which in Orleans 10 is <see cref="JsonGrainStorageSerializer"/> (reflection-based Newtonsoft
/// JSON with .NET type names). Our states are <c>[GenerateSerializer]</c> records whose <c>[Id]</c>s and
/// <c>[Alias]</c>es are the stable contract (STYLE rule 2), and the binary form is several times smaller, which matters
/// under the 1 MiB entity limit; so the binary serializer is the default here.
/// </remarks>
public sealed class AzureTableGrainStorageSerializerConfigurator(IServiceProvider services)
    : IPostConfigureOptions<AzureTableGrainStorageOptions>
{
    public void PostConfigure(string? name, AzureTableGrainStorageOptions options)
    {
        if (options.GrainStorageSerializer is not null)
        {
            return;
        }

        options.GrainStorageSerializer = (name is null ? null : services.GetKeyedService<IGrainStorageSerializer>(name))
            ?? new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    }
}
