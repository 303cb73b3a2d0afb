using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Crm.Testing;

/// <summary>
/// The product as an operator runs it on one machine with <c>CRM_SILOS=3 ./run.sh</c>: Azurite, several silo
/// processes in one cluster on Azure Tables membership, and a front-end process, each on its own free ports, with the
/// production settings (the 2 s response timeout among them). For the fault tests and the chaos bench.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"crm-cluster-keys-{Guid.NewGuid():N}.json");
    private readonly string _adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private readonly string _clusterId = "crm-cluster-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<HostProcess?> _silos = [];
    private HostProcess? _frontEnd;

    private readonly string[] _siloSettings;
    private readonly List<int> _siloPorts = [];

    private ProcessCluster(AzuriteServer azurite, string[] siloSettings)
    {
        Azurite = azurite;
        _siloSettings = siloSettings;
    }

    public AzuriteServer Azurite { get; }

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/");

    public int SiloCount => _silos.Count;

    /// <summary>The cluster's id (also its service id), for an Orleans client of a test that joins it.</summary>
    public string ClusterId => _clusterId;

    /// <param name="siloSettings">Extra settings for every silo (Orleans' membership defaults, say).</param>
    public static async Task<ProcessCluster> StartAsync(int silos, params string[] siloSettings)
    {
        var cluster = new ProcessCluster(await AzuriteServer.StartAsync(), siloSettings);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                // One after another: the first creates the shared personal-data key file and the operator.
                cluster._siloPorts.Add(AzuriteServer.FreeTcpPort());
                cluster._silos.Add(await cluster.StartSiloAsync(i));
            }

            cluster._frontEnd = await HostProcess.StartFrontEndAsync(cluster.BaseAddress,
            [
                $"--ConnectionStrings:Tables={cluster.Azurite.ConnectionString}", $"--Orleans:ClusterId={cluster._clusterId}",
                $"--Orleans:ServiceId={cluster._clusterId}", "--Logging:LogLevel:Default=Warning", "--Crm:Security:SignInsPerMinute=100000",
            ], Patience);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo-to-silo port of silo <paramref name="index"/>, as the membership table lists it.</summary>
    public int SiloPort(int index) => _siloPorts[index];

    /// <summary>SIGKILL of silo <paramref name="index"/>: a crash, with nobody told.</summary>
    public void KillSilo(int index)
    {
        _silos[index]!.Kill();
    }

    /// <summary>An operator's restart of silo <paramref name="index"/>: SIGTERM, wait for it to leave, start it again.</summary>
    public async Task RestartSiloAsync(int index)
    {
        await _silos[index]!.StopAsync(Patience);
        await _silos[index]!.DisposeAsync();
        _silos[index] = await StartSiloAsync(index);
    }

    /// <summary>A new tenant with a tenant admin signed in (through outages: set-up retries 503s), its SLA policy, one customer.</summary>
    public async Task<(HttpClient Http, string Tenant, string CustomerId)> SeedTenantAsync(TimeSpan firstResponseTarget)
    {
        var tenant = "chaos-" + Guid.NewGuid().ToString("N")[..12];
        var operatorClient = await SignInAsync("admin", _adminPassword);
        // A 409 after a retry means the attempt that timed out did create it.
        AssertCreated(await RetryOutageAsync(() => operatorClient.PostAsJsonAsync("api/tenants", new { tenantId = tenant, name = "Chaos shop" })));
        var password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));
        AssertCreated(await RetryOutageAsync(() => operatorClient.PostAsJsonAsync($"api/tenants/{tenant}/users",
            new { username = "admin-" + tenant, displayName = "Admin", roles = new[] { "TenantAdmin" }, password })));
        var http = await SignInAsync("admin-" + tenant, password);
        AssertCreated(await RetryOutageAsync(() => http.PutAsJsonAsync($"api/tenants/{tenant}/service-desk/sla-policy",
            new { firstResponse = firstResponseTarget.ToString("c"), resolution = "04:00:00", majorResolution = "1.00:00:00", warningShare = 0.5 })));
        var customer = await RetryOutageAsync(() => http.PostAsJsonAsync($"api/tenants/{tenant}/customers", new
        {
            displayName = "Zhou Min",
            channels = new[] { new { kind = "Email", value = "zhou.min@example.com", preferred = true } },
            tags = Array.Empty<string>(),
        }));
        customer.EnsureSuccessStatusCode();
        var customerId = (await customer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
        return (http, tenant, customerId);
    }

    /// <summary>A call repeated while it answers 503, as a client following Retry-After would.</summary>
    public static async Task<HttpResponseMessage> RetryOutageAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                return response;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_frontEnd is not null)
        {
            await _frontEnd.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        await Azurite.DisposeAsync();
        File.Delete(_keyFile);
    }

    private Task<HostProcess> StartSiloAsync(int index) => HostProcess.StartSiloAsync(
    [
        $"--ConnectionStrings:Tables={Azurite.ConnectionString}",
        $"--Orleans:SiloPort={_siloPorts[index]}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
        $"--Orleans:ClusterId={_clusterId}", $"--Orleans:ServiceId={_clusterId}",
        $"--Crm:PersonalData:KeyFile={_keyFile}", $"--Crm:Bootstrap:AdminPassword={_adminPassword}",
        "--Logging:LogLevel:Default=Warning", .. _siloSettings,
    ], Patience);

    private async Task<HttpClient> SignInAsync(string username, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var response = await RetryOutageAsync(() => anonymous.PostAsJsonAsync("api/auth/token", new { username, password }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static void AssertCreated(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Set-up call {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        }
    }
}
