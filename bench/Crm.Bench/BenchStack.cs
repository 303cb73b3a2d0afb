using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Crm.Client;
using Crm.Silo;
using Crm.Testing;
using Microsoft.Extensions.Hosting;

namespace Crm.Bench;

/// <summary>The whole product on one fresh Azurite: a silo, the front end on a loopback port, and the operator signed in.</summary>
internal sealed class BenchStack : IAsyncDisposable
{
    public const string Password = "bench password 1";

    private readonly string _keyFile;

    private BenchStack(AzuriteServer azurite, IHost silo, IHost frontEnd, Uri baseAddress, HttpClient admin, string keyFile)
    {
        Azurite = azurite;
        Silo = silo;
        FrontEnd = frontEnd;
        BaseAddress = baseAddress;
        Admin = admin;
        _keyFile = keyFile;
    }

    public AzuriteServer Azurite { get; }

    public IHost Silo { get; }

    public IHost FrontEnd { get; }

    public Uri BaseAddress { get; }

    public HttpClient Admin { get; }

    public static Task<BenchStack> StartAsync(params string[] frontEndArgs) => StartOnAsync(AzuriteOptions.Default, frontEndArgs);

    /// <param name="azuriteOptions">How Azurite runs: the million-row benchmarks keep it in memory.</param>
    public static async Task<BenchStack> StartOnAsync(AzuriteOptions azuriteOptions, params string[] frontEndArgs)
    {
        var azurite = await AzuriteServer.StartAsync(azuriteOptions);
        var keyFile = Path.Combine(Path.GetTempPath(), "crm-bench-keys-" + Guid.NewGuid().ToString("N") + ".json");
        var adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        int gateway = AzuriteServer.FreeTcpPort(), web = AzuriteServer.FreeTcpPort();
        var silo = SiloHost.Build(
        [
            $"--ConnectionStrings:Tables={azurite.ConnectionString}", $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}",
            $"--Orleans:GatewayPort={gateway}", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            $"--Crm:PersonalData:KeyFile={keyFile}", $"--Crm:Bootstrap:AdminPassword={adminPassword}",
        ]);
        await silo.StartAsync();
        var frontEnd = ClientHost.Build(
        [
            $"--ConnectionStrings:Tables={azurite.ConnectionString}", $"--urls=http://127.0.0.1:{web}", "--Logging:LogLevel:Default=Warning",
            "--Crm:Security:SignInsPerMinute=1000000", .. frontEndArgs,
        ]);
        await frontEnd.StartAsync();
        var baseAddress = new Uri($"http://127.0.0.1:{web}/");
        return new BenchStack(azurite, silo, frontEnd, baseAddress, await SignInAsync(baseAddress, "admin", adminPassword), keyFile);
    }

    /// <summary>Creates a user of tenant "bench" with one role and signs them in.</summary>
    public async Task<HttpClient> UserAsync(string username, string role)
    {
        (await Admin.PostAsJsonAsync("api/tenants/bench/users", new { username, displayName = username, roles = new[] { role }, password = Password }))
            .EnsureSuccessStatusCode();
        return await SignInAsync(BaseAddress, username, Password);
    }

    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string username, string password)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        // On a loaded machine the first sign-in can meet a cold cluster (503): try again a few times.
        var answer = await http.PostAsJsonAsync("api/auth/token", new { username, password });
        for (var attempt = 1; answer.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && attempt < 10; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            answer = await http.PostAsJsonAsync("api/auth/token", new { username, password });
        }

        var token = await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await FrontEnd.StopAsync();
        await Silo.StopAsync();
        await Azurite.DisposeAsync();
        File.Delete(_keyFile);
    }
}
