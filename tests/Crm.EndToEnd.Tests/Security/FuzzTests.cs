using System.Globalization;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Xunit.Abstractions;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>
/// Throws malformed JSON, random field values and random route and query values at every API endpoint (read from
/// routing, so a new endpoint is fuzzed too) as a caller who may use it, and checks the server never answers 5xx,
/// refuses what cannot be valid, and stores nothing. Set CRM_FUZZ_SEED to replay a failing run.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FuzzTests(CrmStackFixture stack, ITestOutputHelper output)
{
    private const string TokenEndpoint = "POST /api/auth/token";
    private const int RequestsPerEndpoint = 24;
    private const int TokenRequests = 60;

    [Fact]
    public async Task EveryApiEndpoint_MalformedAndRandomInput_IsRefusedWithout5xxAndStoresNothing()
    {
        var seed = Seed();
        output.WriteLine($"fuzz seed {seed}");
        var random = new Random(seed);
        var tenant = await stack.NewTenantAsync();
        var platform = await stack.OperatorAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Admin.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "Fuzz Target", channels = new[] { new { kind = "Email", value = "fuzz@example.com" } } }));
        var target = $"target-{tenant.Id}";
        (await tenant.Admin.PostAsJsonAsync($"api/tenants/{tenant.Id}/users", new { username = target, displayName = "Target", roles = new[] { "Agent" } }))
            .EnsureSuccessStatusCode();
        var before = await SnapshotAsync(tenant, platform, customer.CustomerId, target);

        var fuzzer = new RequestFuzzer(random, tenant.Id, customer.CustomerId, target);
        var results = new List<(FuzzCase Case, int Status)>();
        var perEndpoint = new List<string>();
        foreach (var endpoint in ApiEndpoints.Of(stack.ClientServices).Where(e => e.Key != TokenEndpoint))
        {
            // Callers allowed to use the endpoint: the operator for platform endpoints, the tenant admin (every tenant
            // permission) otherwise; password changes as an agent, so no other caller's session can end.
            var http = endpoint.Permission == Permission.TenantsManage ? platform
                : endpoint.Key == "POST /api/me/password" ? tenant.Agent
                : tenant.Admin;
            var path = endpoint.Pattern.Replace("{tenantId}", tenant.Id).Replace("{customerId}", customer.CustomerId).Replace("{username}", target);
            for (var i = 0; i < RequestsPerEndpoint; i++)
            {
                var fuzz = endpoint.BodyType is not { } body ? fuzzer.RandomRoute(endpoint.Method, endpoint.Pattern, null)
                    : random.Next(5) switch
                    {
                        0 or 1 => fuzzer.Malformed(endpoint.Method, path, body),
                        2 or 3 => fuzzer.RandomFields(endpoint.Method, path, body),
                        _ => fuzzer.RandomRoute(endpoint.Method, endpoint.Pattern, body),
                    };
                results.Add((fuzz, await SendAsync(http, fuzz)));
            }

            perEndpoint.Add($"{endpoint.Key}: " + string.Join(", ", results.TakeLast(RequestsPerEndpoint).GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
        }

        var after = await SnapshotAsync(tenant, platform, customer.CustomerId, target);
        var offending = results
            .Where(r => r.Status >= 500 || (r.Case.Must4xx && r.Status is < 400 or >= 500))
            .Select(r => Describe(seed, r.Case, r.Status))
            .ToList();
        Assert.True(offending.Count == 0, $"{offending.Count} of {results.Count} requests were not refused as they should be:\n{string.Join('\n', offending)}");

        var updatedCustomer = results.Any(r => r.Status is >= 200 and < 300 && r.Case.Method != "GET" && r.Case.Path.Contains(customer.CustomerId, StringComparison.Ordinal));
        var where = $"(seed {seed}; {results.Count} requests)";
        Assert.True(before.CustomerIds.SetEquals(after.CustomerIds), $"customers changed {where}: {before.CustomerIds.Count} -> {after.CustomerIds.Count}");
        Assert.True(before.Usernames.SetEquals(after.Usernames), $"users changed {where}: {string.Join(',', after.Usernames.Except(before.Usernames))}");
        Assert.True(before.TenantIds.SetEquals(after.TenantIds), $"tenants changed {where}: {string.Join(',', after.TenantIds.Except(before.TenantIds))}");
        Assert.True(updatedCustomer || before.CustomerETag == after.CustomerETag, $"customer version changed without a 2xx update {where}");
        Assert.False(after.TargetIsOperator, $"a tenant admin made a user a platform operator {where}");
        output.WriteLine(string.Join('\n', perEndpoint));
    }

    [Fact]
    public async Task IssueToken_MalformedAndRandomInput_Gets400Or401()
    {
        var seed = Seed();
        output.WriteLine($"fuzz seed {seed}");
        var random = new Random(seed);
        var fuzzer = new RequestFuzzer(random, "none", "none", "none");
        var results = new List<(FuzzCase Case, int Status)>();
        for (var i = 0; i < TokenRequests; i++)
        {
            var fuzz = random.Next(2) == 0
                ? fuzzer.Malformed("POST", "/api/auth/token", typeof(Client.Apis.TokenRequest))
                : fuzzer.RandomFields("POST", "/api/auth/token", typeof(Client.Apis.TokenRequest));
            results.Add((fuzz, await SendAsync(stack.Http, fuzz)));
        }

        // 413 and 415 are the 400s of a body too large or not JSON at all.
        var offending = results.Where(r => r.Status is not (400 or 401 or 413 or 415)).Select(r => Describe(seed, r.Case, r.Status)).ToList();
        Assert.True(offending.Count == 0, $"{offending.Count} of {results.Count} sign-in attempts got an unexpected answer:\n{string.Join('\n', offending)}");
    }

    private static async Task<int> SendAsync(HttpClient http, FuzzCase fuzz)
    {
        using var request = fuzz.ToRequest();
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string Describe(int seed, FuzzCase fuzz, int status) =>
        $"  seed {seed}: {fuzz.Method} {Shorten(fuzz.Path)} [{fuzz.Kind}] {fuzz.Excerpt} -> {status}";

    private static string Shorten(string value) => value.Length > 200 ? value[..200] + "…" : value;

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("CRM_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    private static async Task<Snapshot> SnapshotAsync(TestTenant tenant, HttpClient platform, string customerId, string target)
    {
        var customerIds = new HashSet<string>();
        string? token = null;
        do
        {
            var url = $"api/tenants/{tenant.Id}/customers?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await tenant.Admin.GetAsync(url));
            customerIds.UnionWith(page.Items.Select(c => c.CustomerId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var users = await CrmStackFixture.ReadAsync<List<UserView>>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/users"));
        var tenants = await CrmStackFixture.ReadAsync<List<TenantInfo>>(await platform.GetAsync("api/tenants"));
        using var customer = await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/customers/{customerId}");
        customer.EnsureSuccessStatusCode();
        return new Snapshot(
            customerIds,
            // The target's roles may change (or it may leave the tenant) through a successful role change.
            [.. users.Select(u => u.Username).Where(u => u != target)],
            [.. tenants.Select(t => t.TenantId)],
            customer.Headers.ETag?.Tag,
            users.Any(u => u.Username == target && u.IsPlatformOperator));
    }

    private sealed record Snapshot(
        HashSet<string> CustomerIds, HashSet<string> Usernames, HashSet<string> TenantIds, string? CustomerETag, bool TargetIsOperator);
}
