using Azure.Data.Tables;
using Crm.Grains.Reports;
using Crm.Silo;
using Crm.Silo.Reports;
using Crm.Silo.Reports.Mail;
using Crm.Storage.AzureTables.Hosting;
using Crm.Storage.AzureTables.Protection;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Crm.Grains.Tests.Reports;

/// <summary>
/// A real cluster on a real Azurite whose report schedules read a clock the tests set, ticking every second; the
/// publisher counts what it makes. Clock and counts outlive <see cref="StopAsync"/> and <see cref="StartAsync"/>.
/// </summary>
public sealed class ReportScheduleFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private AzuriteServer? _azurite;
    private InProcessTestCluster? _cluster;

    public ManualClock Clock { get; } = new(Start);

    public PublishCounts Counts { get; } = new();

    /// <summary>How many answers to completing a run to lose, per tenant.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> CompletionsToLose { get; } = new();

    /// <summary>How many completions of a run to fail before they are written, per tenant (the period is made again).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> CompletionsToFail { get; } = new();

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("The cluster is stopped.")).Client;

    public TableServiceClient Tables => new(_azurite!.ConnectionString);

    /// <summary>The SMTP server the silos mail finished reports to; it outlives restarts.</summary>
    public SmtpReceiver Smtp { get; } = SmtpReceiver.Start();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await StartAsync();
    }

    /// <summary>Starts a cluster on the same storage (after <see cref="StopAsync"/>: what a restart of every silo looks like).</summary>
    public async Task StartAsync()
    {
        var connectionString = _azurite!.ConnectionString;
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "crm-schedule-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddCrmTableServiceClient(connectionString);
            silo.AddCrmGrains();
            silo.Services.Configure<PersonalDataOptions>(options =>
            {
                options.Keys = new(ClusterFixture.TestKeys);
                options.ActiveKeyId = "k1";
                options.LookupKey = ClusterFixture.TestLookupKey;
            });
            silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<ReportScheduleOptions>(options => options.CheckEvery = TimeSpan.FromSeconds(1));
            silo.Services.AddKeyedSingleton<TimeProvider>(ReportScheduleOptions.ClockKey, Clock);
            silo.Services.Configure<ReportMailOptions>(options =>
            {
                options.Host = "127.0.0.1";
                options.Port = Smtp.Port;
                options.Security = MailKit.Security.SecureSocketOptions.None;
                options.From = "reports@crm.example.com";
                options.RetrySchedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)];
                options.ReminderPeriod = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddSingleton<IReportRunStore>(sp =>
                new FlakyReportRunStore(new Storage.AzureTables.Stores.TableReportRunStore(sp.GetRequiredService<TableServiceClient>()), CompletionsToLose, CompletionsToFail));
            silo.Services.AddSingleton<IReportPublisher>(sp =>
                new CountingReportPublisher(ActivatorUtilities.CreateInstance<ReportPublisher>(sp), Counts));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public IReportRunStore Runs => new Storage.AzureTables.Stores.TableReportRunStore(Tables);

    public async Task DisposeAsync()
    {
        await StopAsync();
        await Smtp.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReportScheduleCollection : ICollectionFixture<ReportScheduleFixture>
{
    public const string Name = "report-schedules";
}
