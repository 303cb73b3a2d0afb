using Crm.Storage.AzureTables.Tests.Reminders;
using Crm.Testing;
using Orleans.Hosting;

namespace Crm.Storage.OrleansProviders.Tests;

/// <summary>
/// Every case our reminder table passes (<see cref="AzureTableReminderTableConformanceTests"/>), run against Orleans'
/// own <c>Microsoft.Orleans.Reminders.AzureStorage</c> on the same Azurite. Where it fails, docs/storage.md says why.
/// </summary>
[Collection(OrleansProvidersCollection.Name)]
[Trait("Category", OrleansProvidersCollection.Category)]
public sealed class OrleansReminderTableConformanceTests(AzuriteFixture azurite) : AzureTableReminderTableConformanceTests(azurite)
{
    protected override Task<ReminderTableHarness> StartHarnessAsync(string? serviceId = null) =>
        ReminderTableHarness.StartAsync(ConnectionString, serviceId: serviceId, register: (services, table) =>
            services.UseAzureTableReminderService(options =>
            {
                options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(ConnectionString);
                options.TableName = table;
            }));
}
