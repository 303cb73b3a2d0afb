using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Crm.Client;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Crm.Testing;
using Microsoft.AspNetCore.Builder;

namespace Crm.EndToEnd.Tests.Cluster;

/// <summary>
/// Three silos in one cluster on Azure Tables membership, each its own process, and a front end. One silo is killed
/// (SIGKILL) under a steady case-creation load whose clients retry with the same idempotency keys, as the README tells
/// integrators to. Proves that nothing acknowledged is lost or doubled, that every failed attempt was a quick 503
/// with Retry-After, that the grains and the work queue come back whole, and that SLA reminders owned by the dead
/// silo still fire.
/// </summary>
public sealed class SiloFailoverTests : IAsyncLifetime
{
    private const int Requests = 240;
    private const int Workers = 8;
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FirstResponseTarget = TimeSpan.FromSeconds(25);

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"crm-chaos-keys-{Guid.NewGuid():N}.json");
    private readonly string _adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private readonly List<SiloProcess> _silos = [];
    private readonly Uri _frontEndAddress = new($"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/");
    private AzuriteServer? _azurite;
    private WebApplication? _frontEnd;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            // One after another: the first creates the shared personal-data key file and the operator.
            _silos.Add(await SiloProcess.StartAsync(
            [
                $"--ConnectionStrings:Tables={_azurite.ConnectionString}",
                $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
                "--Orleans:ClusterId=crm-chaos", "--Orleans:ServiceId=crm-chaos",
                $"--Crm:PersonalData:KeyFile={_keyFile}", $"--Crm:Bootstrap:AdminPassword={_adminPassword}",
                "--Logging:LogLevel:Default=Warning",
            ], TimeSpan.FromSeconds(120)));
        }

        _frontEnd = ClientHost.Build(
        [
            $"--ConnectionStrings:Tables={_azurite.ConnectionString}", "--Orleans:ClusterId=crm-chaos", "--Orleans:ServiceId=crm-chaos",
            $"--urls={_frontEndAddress}", "--Logging:LogLevel:Default=Warning", "--Crm:Security:SignInsPerMinute=100000",
        ]);
        await _frontEnd.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_frontEnd is not null)
        {
            await _frontEnd.StopAsync();
            await _frontEnd.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        File.Delete(_keyFile);
    }

    [Fact]
    public async Task KillASilo_UnderLoad_LosesNothingDoublesNothingAndFailsFastWith503()
    {
        var (http, tenant, customerId) = await TenantWithCustomerAsync();
        var attempts = new ConcurrentBag<Attempt>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var killed = new TaskCompletionSource();
        var next = -1;

        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                if (i == Requests / 4)
                {
                    // A quarter in, the second silo dies while the other workers' requests are in flight.
                    _silos[1].Kill();
                    killed.SetResult();
                }

                var key = $"chaos-{i:D4}";
                if (await CreateWithRetriesAsync(http, tenant, customerId, key, attempts) is { } caseId)
                {
                    acknowledged[key] = caseId;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync)));
        Assert.True(killed.Task.IsCompleted);

        // At least 99.9% acknowledged within the retry budget: with 240 requests, every one.
        Assert.Equal(Requests, acknowledged.Count);
        var failures = attempts.Where(a => a.Status != HttpStatusCode.Created && a.Status != HttpStatusCode.OK).ToList();
        Assert.All(failures, f =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, f.Status);
            Assert.True(f.RetryAfter, "a 503 without Retry-After");
            Assert.True(f.Took < TimeSpan.FromSeconds(5), $"a failed attempt took {f.Took.TotalSeconds:F1} s");
        });

        // Nothing doubled: one case per key, each answering (from whichever silo now hosts it).
        Assert.Equal(Requests, acknowledged.Values.Distinct().Count());
        foreach (var caseId in acknowledged.Values)
        {
            var read = await RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}"));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // The in-memory work queue is whole again: every acknowledged case, once.
        Assert.Equal(acknowledged.Values.Order(), (await QueueAsync(http, tenant)).Order());

        // Every case's first-response breach fires, those whose reminders the dead silo owned included.
        var deadline = DateTime.UtcNow + FirstResponseTarget + TimeSpan.FromSeconds(90);
        var pending = acknowledged.Values.ToHashSet();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var caseId in pending.ToList())
            {
                var history = await RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}/history"));
                if (history.IsSuccessStatusCode
                    && (await CrmStackFixture.ReadAsync<CaseEventPage>(history)).Events.Any(e => e.Type == CaseEventType.SlaBreached))
                {
                    pending.Remove(caseId);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        Assert.True(pending.Count == 0, $"{pending.Count} of {Requests} cases never recorded their SLA breach");
    }

    private async Task<(HttpClient Http, string Tenant, string CustomerId)> TenantWithCustomerAsync()
    {
        var tenant = CrmStackFixture.NewTenant();
        using var anonymous = new HttpClient { BaseAddress = _frontEndAddress };
        var operatorClient = await SignInAsync(anonymous, "admin", _adminPassword);
        (await operatorClient.PostAsJsonAsync("api/tenants", new { tenantId = tenant, name = "Chaos shop" })).EnsureSuccessStatusCode();
        var password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));
        (await operatorClient.PostAsJsonAsync($"api/tenants/{tenant}/users",
            new { username = "admin-" + tenant, displayName = "Admin", roles = new[] { "TenantAdmin" }, password })).EnsureSuccessStatusCode();
        var http = await SignInAsync(anonymous, "admin-" + tenant, password);
        var policy = await http.PutAsJsonAsync($"api/tenants/{tenant}/service-desk/sla-policy",
            new { firstResponse = FirstResponseTarget.ToString("c"), resolution = "04:00:00", majorResolution = "1.00:00:00", warningShare = 0.5 });
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        var customer = await http.PostAsJsonAsync($"api/tenants/{tenant}/customers", new
        {
            displayName = "Zhou Min",
            channels = new[] { new { kind = "Email", value = "zhou.min@example.com", preferred = true } },
            tags = Array.Empty<string>(),
        });
        customer.EnsureSuccessStatusCode();
        return (http, tenant, (await CrmStackFixture.ReadAsync<CustomerView>(customer)).CustomerId);
    }

    private async Task<HttpClient> SignInAsync(HttpClient anonymous, string username, string password)
    {
        var response = await anonymous.PostAsJsonAsync("api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return TestTenant.WithToken(_frontEndAddress, token);
    }

    /// <summary>What a well-behaved integrator does: the same key again after a 503's Retry-After, within a budget.</summary>
    private static async Task<string?> CreateWithRetriesAsync(
        HttpClient http, string tenant, string customerId, string key, ConcurrentBag<Attempt> attempts)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < RetryBudget)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{tenant}/cases")
            {
                Content = JsonContent.Create(new { customerId, kind = "Inquiry", subject = "Where is my parcel? " + key, description = "Order placed a week ago." }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var took = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            attempts.Add(new Attempt(response.StatusCode, took.Elapsed, response.Headers.RetryAfter is not null));
            if (response.IsSuccessStatusCode)
            {
                return (await CrmStackFixture.ReadAsync<CaseView>(response)).CaseId;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return null;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }

        return null;
    }

    private static async Task<HttpResponseMessage> RetryOutageAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                return response;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<List<string>> QueueAsync(HttpClient http, string tenant)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var url = $"api/tenants/{tenant}/queue?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await CrmStackFixture.ReadAsync<CaseQueuePage>(await RetryOutageAsync(() => http.GetAsync(url)));
            ids.AddRange(page.Items.Select(i => i.CaseId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return ids;
    }

    private sealed record Attempt(HttpStatusCode Status, TimeSpan Took, bool RetryAfter);
}
