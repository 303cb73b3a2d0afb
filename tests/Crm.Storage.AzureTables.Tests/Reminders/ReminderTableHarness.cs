using Azure.Data.Tables;
using Crm.Storage.AzureTables.Hosting;
using Crm.Storage.AzureTables.Reminders;
using Crm.Storage.AzureTables.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.Reminders;

/// <summary>
/// The reminder table as a silo would build it (same registration, same DI, validators run, started the way the
/// reminder service starts it), without a silo around it.
/// </summary>
public sealed class ReminderTableHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ReminderTableHarness(ServiceProvider services, string tableName, string serviceId)
    {
        _services = services;
        TableName = tableName;
        ServiceId = serviceId;
        Reminders = services.GetRequiredService<IReminderTable>();
    }

    public IReminderTable Reminders { get; }

    public string TableName { get; }

    public string ServiceId { get; }

    public TableClient Table => _services.GetRequiredService<TableServiceClient>().GetTableClient(TableName);

    public static string FreshServiceId() => "crm-reminders-" + Guid.NewGuid().ToString("N")[..12];

    /// <param name="register">Registers the reminder table under test on the given table; ours unless given (the conformance
    /// comparison passes Orleans' own).</param>
    public static async Task<ReminderTableHarness> StartAsync(
        string connectionString, string? tableName = null, string? serviceId = null, Action<IServiceCollection, string>? register = null)
    {
        tableName ??= GrainStorageHarness.FreshTableName();
        serviceId ??= FreshServiceId();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.Configure<ClusterOptions>(cluster =>
        {
            cluster.ServiceId = serviceId;
            cluster.ClusterId = "tests";
        });
        services.AddSingleton(new TableServiceClient(connectionString));
        if (register is null)
        {
            services.UseAzureTableReminderService(options => options.TableName = tableName);
        }
        else
        {
            register(services, tableName);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            // Only ours: the reminder service's own validators need a whole silo.
            if (register is null)
            {
                ActivatorUtilities.CreateInstance<AzureTableReminderOptionsValidator>(provider).ValidateConfiguration();
            }

            await provider.GetRequiredService<IReminderTable>().StartAsync(CancellationToken.None);
            return new ReminderTableHarness(provider, tableName, serviceId);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public static GrainId NewGrainId(string type = "crmtest") => GrainId.Create(type, "acme/" + Guid.NewGuid().ToString("N"));

    public static ReminderEntry NewReminder(GrainId grainId, string name, TimeSpan? period = null)
    {
        // Whole seconds, as Orleans' conformance tests use; the exact round trip has its own test.
        var now = DateTime.UtcNow;
        return new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = name,
            StartAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc),
            Period = period ?? TimeSpan.FromMinutes(1),
        };
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
