using Crm.Grains.Audit;
using Crm.Grains.Cases;
using Crm.Grains.Customers;
using Crm.Grains.Health;
using Crm.Grains.Surveys;
using Crm.Storage.AzureTables.Protection;
using Crm.Grains.Reports;
using Crm.Storage.AzureTables.Stores;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Hosting;

public static class CrmTableStoresExtensions
{
    /// <summary>
    /// Registers the table-backed stores the grains use; needs a <c>TableServiceClient</c> in DI and personal data
    /// protection (<see cref="PersonalDataProtectionExtensions.AddCrmPersonalDataProtection"/>).
    /// </summary>
    public static IServiceCollection AddCrmTableStores(this IServiceCollection services)
    {
        services.AddSingleton<ICustomerArchiveStore, TableArchiveStore>();
        services.AddSingleton<TableCaseHistoryStore>();
        services.AddSingleton<ICaseHistoryStore>(sp => sp.GetRequiredService<TableCaseHistoryStore>());
        services.AddSingleton<ICaseHistoryScan>(sp => sp.GetRequiredService<TableCaseHistoryStore>());
        services.AddSingleton<IReportDayStore, TableReportDayStore>();
        services.AddSingleton<IReportRunStore, TableReportRunStore>();
        services.AddSingleton<IReportDocumentStore, BlobReportDocumentStore>();
        services.AddSingleton<IAvailabilityStore, TableAvailabilityStore>();
        services.AddSingleton<ICaseQueueStore, TableCaseQueueStore>();
        services.AddSingleton<ICustomerDirectoryStore, TableCustomerDirectoryStore>();
        services.AddSingleton<IAuditLogStore, TableAuditLogStore>();
        services.AddSingleton<ICustomerLookupStore, TableCustomerLookupStore>();
        services.AddSingleton<Crm.Grains.Search.ISearchIndexStore, TableSearchIndexStore>();
        services.AddSingleton<IStorageProbe, TableStorageProbe>();
        services.AddSingleton<ISurveyResponseStore, TableSurveyStore>();
        services.AddSingleton<IInvitationTokens, KeyedInvitationTokens>();
        // Model files in blobs, so every silo on any machine serves the same versions.
        services.AddSingleton<Crm.Scoring.Models.IModelStore>(sp => new BlobModelStore(
            sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CrmTablesInitializer>();
        return services;
    }
}
