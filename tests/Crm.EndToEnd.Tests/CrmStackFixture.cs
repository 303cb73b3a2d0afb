using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Client;
using Crm.Silo;
using Crm.Testing;
using Microsoft.AspNetCore.Builder;

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

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress => new($"http://127.0.0.1:{_clientPort}/");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await StartSiloAsync();
        _client = ClientHost.Build(
        [
            $"--Orleans:GatewayPort={_gatewayPort}", "--Orleans:ServiceId=crm-e2e", "--Orleans:ClusterId=crm-e2e",
            $"--urls={BaseAddress}", "--Logging:LogLevel:Default=Warning",
        ]);
        await _client.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
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
        ]);
        await _silo.StartAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<CrmStackFixture>
{
    public const string Name = "stack";
}
