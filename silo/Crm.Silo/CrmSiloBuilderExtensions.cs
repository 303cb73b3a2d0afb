using Azure.Data.Tables;
using Crm.Grains;
using Crm.Grains.ServiceDesk;
using Crm.Silo.Reports;
using Crm.Storage.AzureTables.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Crm.Silo;

public static class CrmSiloBuilderExtensions
{
    /// <summary>
    /// Grains, their storage and stores, without clustering: hosts and test clusters add the clustering they use.
    /// Needs a <c>TableServiceClient</c> in DI (<see cref="TableServiceClientExtensions.AddCrmTableServiceClient"/>);
    /// personal data keys come from the <c>Crm:PersonalData</c> section or its key file (see <c>PersonalDataOptions</c>).
    /// </summary>
    public static ISiloBuilder AddCrmGrains(this ISiloBuilder silo)
    {
        silo.AddAzureTableGrainStorage(CrmStorage.Name, _ => { });

        // Every grain's state is encrypted at rest: customer profiles now, and whatever personal data later areas keep.
        silo.Services.AddCrmPersonalDataProtection();
        silo.Services.ProtectGrainStorage(CrmStorage.Name);
        silo.Services.AddCrmTableStores();

        // Durable reminders on our own table, so a timer such as an SLA deadline survives silo restarts.
        silo.UseAzureTableReminderService();
        silo.Services.AddSingleton(TimeProvider.System);
        // After a restart the first agent to open the queue should not wait for its load (seconds for a large backlog).
        silo.Services.AddClusterSingletonStart<Cases.IQueueWarmUpGrain>(g => g.WarmAsync(), "each queue loads on its first read instead.");
        silo.Services.AddCrmWebhooks();
        silo.Services.AddCrmReportSchedules();
        silo.Services.AddOptions<Grains.Surveys.SurveyOptions>().BindConfiguration(Grains.Surveys.SurveyOptions.SectionName);
        silo.Services.AddOptions<Grains.Surveys.SurveyInsightsOptions>().BindConfiguration(Grains.Surveys.SurveyInsightsOptions.SectionName);
        // One group commit per silo, so concurrent audit records of a tenant share a batch write.
        silo.Services.AddSingleton<Grains.Audit.AuditGroupCommit>();
        // One scorer per tenant for the whole silo: models are large and their engines pooled, so grains share them.
        silo.Services.AddSingleton<Grains.Scoring.TenantCommentScoring>();
        silo.Services.AddSingleton<Grains.Scoring.ICommentScoring>(sp => sp.GetRequiredService<Grains.Scoring.TenantCommentScoring>());
        // Each silo serves every tenant's active model, loaded from the shared blob store in the background.
        silo.Services.AddOptions<Grains.Scoring.ModelServingOptions>().BindConfiguration(Grains.Scoring.ModelServingOptions.SectionName);
        silo.Services.AddSingleton<Grains.Scoring.ModelServingLoader>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<Grains.Scoring.ModelServingLoader>());
        silo.Services.AddOptions<Grains.Scoring.ModelTrainingOptions>().BindConfiguration(Grains.Scoring.ModelTrainingOptions.SectionName);
        silo.Services.AddSingleton<Grains.Scoring.ModelTrainingRunner>();
        silo.AddActivityPropagation();
        return silo;
    }

    /// <summary>
    /// Tenants' outgoing webhooks: options from <see cref="WebhookOptions.SectionName"/> and the named client they
    /// post with. Redirects are not followed: the receiver is the URL the tenant admin set, nowhere else.
    /// </summary>
    public static IServiceCollection AddCrmWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.Timeout > TimeSpan.Zero, $"{WebhookOptions.SectionName}:Timeout must be positive.")
            .Validate(o => o.MaxPending >= 1, $"{WebhookOptions.SectionName}:MaxPending must be at least 1.")
            .Validate(o => o.RetrySchedule.TrueForAll(d => d >= TimeSpan.Zero), $"{WebhookOptions.SectionName}:RetrySchedule holds a negative delay.")
            .ValidateOnStart();
        services.AddHttpClient(WebhookOptions.HttpClientName, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    /// <summary>
    /// Membership on Azure Tables through Orleans' own provider (in the same storage account as our tables, in its
    /// own table, which backups skip), so one silo or many form a cluster and front ends find the gateways there.
    /// Failure detection is tuned down from Orleans' defaults so a dead silo is declared dead in seconds
    /// (docs/deployment.md has the measured figures).
    /// </summary>
    public static ISiloBuilder UseCrmClustering(this ISiloBuilder silo, CrmSiloOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(options.AdvertisedAddress(), options.SiloPort, options.GatewayPort, options.ListenOnAnyHostAddress);
        silo.UseAzureStorageClustering(o => o.Configure<TableServiceClient>((table, client) => table.TableServiceClient = client));
        silo.Configure<ClusterMembershipOptions>(ClusterTuning.Apply);
        // An operator may still set any of them (Orleans:Membership:ProbeTimeout, ...); configuration wins.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(ClusterTuning.SectionName);
        // A reminder registered while the ring changes (a silo just died) can be written by a silo that no longer owns
        // it; its real owner learns of it at its next refresh of the table. Orleans' 5 minutes would let an SLA breach
        // fire minutes late; one minute costs each silo one read of its share of the reminders a minute.
        silo.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = ClusterTuning.ReminderRefresh);
        return silo;
    }
}
