using Azure.Data.Tables;
using Crm.Grains.Customers;
using Crm.Grains.Reports;
using Crm.Grains.ServiceDesk;
using Crm.Silo;
using Crm.Storage.AzureTables.Protection;
using Crm.Storage.AzureTables.Stores;
using Microsoft.Extensions.DependencyInjection;
using Crm.Storage.AzureTables.Hosting;
using Crm.Testing;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Crm.Grains.Tests;

/// <summary>A real in-process cluster with our grains on a real Azurite, shared by a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Fixed test keys, so runs are deterministic; both stay known whichever is active, so no restart strands data.</summary>
    public static readonly IReadOnlyDictionary<string, string> TestKeys = new Dictionary<string, string>
    {
        ["k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["k2"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
    };

    /// <summary>
    /// Webhook retries in test time: two quick ones (a receiver failing twice gets its third attempt within a second),
    /// then slower ones, so a pending retry outlives a cluster restart; 7 attempts in about 8.6 s.
    /// </summary>
    public static readonly List<TimeSpan> WebhookRetrySchedule =
    [
        TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300),
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2),
    ];

    public static readonly string TestLookupKey = Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    /// <summary>A protector with the test keys, for tests that check what the stored ciphertext holds.</summary>
    public static PersonalDataProtector TestProtector => new(PersonalDataKeyRing.FromValues(TestKeys, "k1", TestLookupKey, "tests"));

    private AzuriteServer? _azurite;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public AzuriteServer Azurite => _azurite!;

    /// <summary>The directory store of the (single) silo, for injecting failures.</summary>
    public FlakyDirectoryStore Directory =>
        (FlakyDirectoryStore)Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<ICustomerDirectoryStore>();

    /// <summary>The archive store of the (single) silo, for injecting failures.</summary>
    public FlakyArchiveStore Archive =>
        (FlakyArchiveStore)Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<ICustomerArchiveStore>();

    /// <summary>The survey store of the (single) silo, for injecting failures.</summary>
    public FlakySurveyStore Surveys =>
        (FlakySurveyStore)Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<Crm.Grains.Surveys.ISurveyResponseStore>();

    /// <summary>The report day store of the (single) silo, for losing answers to writes.</summary>
    public FlakyReportDayStore ReportDays =>
        (FlakyReportDayStore)Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IReportDayStore>();

    /// <summary>The lookup index of the (single) silo, for planting stale rows.</summary>
    public ICustomerLookupStore Lookup =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<ICustomerLookupStore>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        Cluster = await StartClusterAsync(_azurite.ConnectionString);
    }

    /// <summary>The key new values are encrypted with; <see cref="RestartClusterAsync"/> can change it.</summary>
    public string ActiveKeyId { get; private set; } = "k1";

    /// <summary>Raw access to every table, for tests that check what is stored.</summary>
    public TableServiceClient Tables => new(Azurite.ConnectionString);

    /// <summary>A new cluster on the same storage and service id: what a restart of every silo looks like.</summary>
    public async Task RestartClusterAsync(string activeKeyId = "k1")
    {
        await Cluster.DisposeAsync();
        ActiveKeyId = activeKeyId;
        Cluster = await StartClusterAsync(Azurite.ConnectionString, activeKeyId);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string connectionString, string activeKeyId = "k1")
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "crm-grain-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddCrmTableServiceClient(connectionString);
            silo.AddCrmGrains();
            silo.Services.Configure<PersonalDataOptions>(options =>
            {
                options.Keys = new(TestKeys);
                options.ActiveKeyId = activeKeyId;
                options.LookupKey = TestLookupKey;
            });
            silo.Services.Configure<WebhookOptions>(options =>
            {
                options.RetrySchedule = [.. WebhookRetrySchedule];
                options.Timeout = TimeSpan.FromSeconds(2);
                options.ReminderPeriod = TimeSpan.FromSeconds(1);
                // Small, so a test campaign fills it (the drop test's 10 events of 60 KB still hit the byte bound first).
                options.MaxPending = 8;
            });

            // Campaigns walk the directory 3 customers a step, so a test campaign takes several steps.
            silo.Services.Configure<Crm.Grains.Surveys.SurveyOptions>(options =>
            {
                options.CampaignPageSize = 3;
                options.CampaignReminderPeriod = TimeSpan.FromSeconds(1);
            });

            silo.Services.Configure<Crm.Grains.Scoring.ModelServingOptions>(options => options.RefreshEvery = TimeSpan.FromSeconds(1));
            // Hand-written fixtures are small: train from 20 labels, 8 of each (the product's default is 500 and 50).
            silo.Services.Configure<Crm.Grains.Scoring.ModelTrainingOptions>(options =>
            {
                options.MinimumLabels = 20;
                options.MinimumPerLabel = 8;
            });

            // Background insights a second after the last batch; a first view waits for its result as it did before.
            silo.Services.Configure<Crm.Grains.Surveys.SurveyInsightsOptions>(options =>
            {
                options.RecomputeAfter = TimeSpan.FromSeconds(1);
                options.FirstResultWait = TimeSpan.FromSeconds(90);
            });

            // Orleans refuses reminder periods under a minute by default; webhook tests wait on one after a restart.
            silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<ICustomerDirectoryStore>(sp => new FlakyDirectoryStore(
                new TableCustomerDirectoryStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<PersonalDataProtector>())));
            silo.Services.AddSingleton<ICustomerArchiveStore>(sp => new FlakyArchiveStore(
                new TableArchiveStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<PersonalDataProtector>())));
            silo.Services.AddSingleton<IReportDayStore>(sp => new FlakyReportDayStore(new TableReportDayStore(sp.GetRequiredService<TableServiceClient>())));
            silo.Services.AddSingleton<Crm.Grains.Surveys.ISurveyResponseStore>(sp => new FlakySurveyStore(
                new TableSurveyStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<PersonalDataProtector>())));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
