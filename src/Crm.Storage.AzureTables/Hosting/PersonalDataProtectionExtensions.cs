using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Protection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Hosting;

public static class PersonalDataProtectionExtensions
{
    /// <summary>
    /// Registers the key ring (bound to <see cref="PersonalDataOptions.SectionName"/>), the protector and the lookup
    /// hasher, and checks the keys at silo start so a bad key fails start-up rather than the first customer read.
    /// </summary>
    public static IServiceCollection AddCrmPersonalDataProtection(this IServiceCollection services)
    {
        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.SectionName);
        services.AddSingleton(sp => PersonalDataKeyRing.Load(
            sp.GetRequiredService<IOptions<PersonalDataOptions>>(), sp.GetRequiredService<ILogger<PersonalDataKeyRing>>()));
        services.AddSingleton<PersonalDataProtector>();
        services.AddSingleton<LookupHasher>();
        services.AddTransient<IConfigurationValidator, PersonalDataKeysValidator>();
        return services;
    }

    /// <summary>Encrypts every state of the named grain storage with the personal data protector.</summary>
    public static IServiceCollection ProtectGrainStorage(this IServiceCollection services, string storageName)
    {
        services.AddOptions<AzureTableGrainStorageOptions>(storageName)
            .Configure<PersonalDataProtector>((options, protector) => options.PayloadProtector = protector);
        return services;
    }

    private sealed class PersonalDataKeysValidator(IServiceProvider services) : IConfigurationValidator
    {
        public void ValidateConfiguration()
        {
            try
            {
                services.GetRequiredService<PersonalDataKeyRing>();
            }
            catch (PersonalDataKeyException ex)
            {
                throw new OrleansConfigurationException(ex.Message, ex);
            }
        }
    }
}
