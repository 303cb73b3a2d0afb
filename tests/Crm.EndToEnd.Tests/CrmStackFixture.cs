using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Client;
using Crm.Contracts.Access;
using Crm.Silo;
using Crm.Testing;
using Crm.Testing.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// The whole product on real sockets: Azurite, the silo host and the front end host, started with the same
/// code as production on free loopback ports.
/// </summary>
public sealed class CrmStackFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly int _siloPort = AzuriteServer.FreeTcpPort();
    private readonly int _gatewayPort = AzuriteServer.FreeTcpPort();
    private readonly int _clientPort = AzuriteServer.FreeTcpPort();

    // The silo creates its personal data key file here on first start, as run.sh's silo does under .azurite/.
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"crm-e2e-keys-{Guid.NewGuid():N}.json");
    private AzuriteServer? _azurite;
    private WebApplication? _silo;
    private WebApplication? _client;
    private HttpClient? _operator;

    /// <summary>The first platform operator's password, set through configuration as an automated setup would.</summary>
    public string AdminPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>What both hosts log (Information and up, Debug for our own code) and every span's tags.</summary>
    public TelemetryCapture Telemetry { get; } = new();

    /// <summary>Not signed in.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress => new($"http://127.0.0.1:{_clientPort}/");

    /// <summary>The stack's table storage, for tests that read raw rows or back it up.</summary>
    public string StorageConnectionString => _azurite!.ConnectionString;

    /// <summary>The front end's services, for tests that inspect its endpoints.</summary>
    public IServiceProvider ClientServices => _client!.Services;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await StartSiloAsync();
        // Tests sign in hundreds of times from one address; the limiter has a test of its own.
        _client = await StartFrontEndAsync(BaseAddress, "--Crm:Security:SignInsPerMinute=100000");
        Http = ContractCheckingHandler.Client(BaseAddress);
    }

    /// <summary>Another front end on the same cluster, for tests that need other settings; the caller stops it.</summary>
    public Task<WebApplication> StartFrontEndAsync(Uri address, params string[] settings) => StartFrontEndAsync(address, null, settings);

    /// <summary>Another front end whose services the test adds to (a slow grain call, say); the caller stops it.</summary>
    public async Task<WebApplication> StartFrontEndAsync(Uri address, Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var client = ClientHost.Build(
        [
            $"--ConnectionStrings:Tables={_azurite!.ConnectionString}", "--Orleans:ServiceId=crm-e2e", "--Orleans:ClusterId=crm-e2e",
            $"--urls={address}", "--Logging:LogLevel:Default=Warning",
            // These tests are not about outages: on a loaded CI machine a call may take longer than the production
            // 2 s, and should not turn into a 503 here. The cluster tests (Cluster/) run with the production default.
            "--Orleans:ResponseTimeout=00:00:30", "--Crm:Api:RequestBudget=00:00:30", .. settings,
        ], builder =>
        {
            Capture(builder);
            configure?.Invoke(builder);
        });
        await client.StartAsync();
        return client;
    }

    /// <summary>Stops the silo and starts a new one on the same ports and storage, as an operator's restart would.</summary>
    public async Task RestartSiloAsync()
    {
        await _silo!.StopAsync();
        await _silo.DisposeAsync();
        await StartSiloAsync();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Telemetry.Dispose();
        _operator?.Dispose();
        if (_client is not null)
        {
            await _client.StopAsync();
            await _client.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        File.Delete(_keyFile);
    }

    public static string NewTenant() => "e2e-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A client signed in with a bearer token, or the 401/429 response's failure.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var response = await Http.PostAsJsonAsync("api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return TestTenant.WithToken(BaseAddress, token);
    }

    /// <summary>The platform operator created at first start.</summary>
    public async Task<HttpClient> OperatorAsync() => _operator ??= await SignInAsync("admin", AdminPassword);

    /// <summary>A new tenant with one user per tenant role, each signed in.</summary>
    public async Task<TestTenant> NewTenantAsync()
    {
        var tenant = NewTenant();
        var admin = await OperatorAsync();
        (await admin.PostAsJsonAsync("api/tenants", new { tenantId = tenant, name = "Test shop " + tenant })).EnsureSuccessStatusCode();
        var users = new Dictionary<Role, (string, string, HttpClient)>();
        foreach (var role in AccessRules.TenantRoles)
        {
            var username = $"{role.ToString().ToLowerInvariant()}-{tenant}";
            var password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));
            var created = await admin.PostAsJsonAsync($"api/tenants/{tenant}/users", new { username, displayName = $"{role} of {tenant}", roles = new[] { role.ToString() }, password });
            created.EnsureSuccessStatusCode();
            users[role] = (username, password, await SignInAsync(username, password));
        }

        return new TestTenant(tenant, users);
    }

    private void Capture(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(Telemetry);
        builder.Logging.AddFilter<TelemetryCapture>(null, LogLevel.Information);
        builder.Logging.AddFilter<TelemetryCapture>("Crm", LogLevel.Debug);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    private async Task StartSiloAsync()
    {
        _silo = SiloHost.Build(
        [
            $"--ConnectionStrings:Tables={_azurite!.ConnectionString}",
            $"--Orleans:SiloPort={_siloPort}", $"--Orleans:GatewayPort={_gatewayPort}",
            "--Orleans:ServiceId=crm-e2e", "--Orleans:ClusterId=crm-e2e", $"--Crm:PersonalData:KeyFile={_keyFile}",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            $"--Crm:Bootstrap:AdminPassword={AdminPassword}",
        ], Capture);
        await _silo.StartAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<CrmStackFixture>
{
    public const string Name = "stack";
}
