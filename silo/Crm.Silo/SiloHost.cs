using Crm.ServiceDefaults;
using Crm.Silo.Bootstrap;
using Crm.Silo.Backup;
using Crm.Storage.AzureTables.Hosting;
using Orleans.Dashboard;

namespace Crm.Silo;

/// <summary>The silo host, buildable from tests with the same wiring as production.</summary>
public static class SiloHost
{
    /// <param name="configure">Extra wiring for tests (a log capture, say), applied last.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CrmHostBuilder.Create(args, typeof(SiloHost).Assembly);

        var siloOptions = builder.Configuration.GetSection(CrmSiloOptions.SectionName).Get<CrmSiloOptions>() ?? new CrmSiloOptions();
        builder.Services.AddCrmTableServiceClient(builder.Configuration.GetConnectionString("Tables"));
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        builder.Services.Configure<BootstrapOptions>(builder.Configuration.GetSection(BootstrapOptions.SectionName));
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AdminBootstrap>();
        builder.Services.AddCrmScheduledBackup(builder.Configuration);
        // The dashboard's collector on every silo; operators read it through the front end (OperatorDashboard there).
        builder.UseOrleans(silo => silo.UseCrmClustering(siloOptions).AddCrmGrains().AddDashboard(o => o.HideTrace = true));

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
