using Crm.Storage.AzureTables.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Crm.Storage.AzureTables.Hosting;

/// <summary>Registers <see cref="AzureTableReminderTable"/> the way Orleans registers its own reminder services.</summary>
public static class AzureTableReminderExtensions
{
    /// <summary>
    /// Adds reminders stored in Azure Tables: options from the <see cref="AzureTableReminderOptions.SectionName"/>
    /// section, then <paramref name="configureOptions"/>; the table is created as the silo starts.
    /// </summary>
    public static ISiloBuilder UseAzureTableReminderService(
        this ISiloBuilder builder, Action<AzureTableReminderOptions>? configureOptions = null)
    {
        builder.Services.UseAzureTableReminderService(configureOptions);
        return builder;
    }

    /// <inheritdoc cref="UseAzureTableReminderService(ISiloBuilder, Action{AzureTableReminderOptions}?)"/>
    public static IServiceCollection UseAzureTableReminderService(
        this IServiceCollection services, Action<AzureTableReminderOptions>? configureOptions = null)
    {
        services.AddReminders();
        var options = services.AddOptions<AzureTableReminderOptions>().BindConfiguration(AzureTableReminderOptions.SectionName);
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        services.AddTransient<IConfigurationValidator, AzureTableReminderOptionsValidator>();
        services.ConfigureFormatter<AzureTableReminderOptions>();

        // The reminder service starts the table (IReminderTable.StartAsync) as the silo starts; a failure stops start-up.
        services.AddSingleton<AzureTableReminderTable>();
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<AzureTableReminderTable>());
        return services;
    }
}
