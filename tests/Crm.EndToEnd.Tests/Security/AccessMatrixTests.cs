using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>
/// Walks every API endpoint the front end maps (read from its routing, so an endpoint added later is walked too)
/// with no token, every tenant role, the platform operator, and every role of another tenant, and checks each answer
/// against <see cref="AccessRules"/>: refusals are 401/403, and allowed calls are never refused nor a server error.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AccessMatrixTests(CrmStackFixture stack)
{
    // Endpoints open to any signed-in user (about the caller themself) or to anyone (signing in).
    private static readonly HashSet<string> AnySignedIn = ["GET /api/me/", "POST /api/me/password", "PUT /api/me/language"];
    private static readonly HashSet<string> Anonymous = ["POST /api/auth/token"];

    [Fact]
    public void EveryApiEndpoint_DeclaresWhatItNeeds()
    {
        var undeclared = ApiEndpoints()
            .Where(e => e.Permission is null && !AnySignedIn.Contains(e.Key) && !Anonymous.Contains(e.Key))
            .Select(e => e.Key)
            .ToList();

        Assert.Empty(undeclared);
        Assert.All(ApiEndpoints().Where(e => Anonymous.Contains(e.Key)), e => Assert.True(e.AllowsAnonymous, e.Key));
        Assert.All(ApiEndpoints().Where(e => !Anonymous.Contains(e.Key)), e => Assert.False(e.AllowsAnonymous, e.Key));
    }

    [Fact]
    public async Task EveryApiEndpoint_EveryCaller_IsAllowedOrRefusedAsTheRulesSay()
    {
        var home = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await home.Agent.PostAsJsonAsync(
            $"api/tenants/{home.Id}/customers", new { displayName = "Matrix Customer", channels = Array.Empty<object>() }));
        // The target of user endpoints is a user nobody signs in as, so a reset or role change breaks no caller.
        var target = $"target-{home.Id}";
        (await home.Admin.PostAsJsonAsync($"api/tenants/{home.Id}/users", new { username = target, displayName = "Target", roles = new[] { "Agent" } }))
            .EnsureSuccessStatusCode();
        const string surveyId = "matrix-survey";
        (await home.Admin.PostAsJsonAsync($"api/tenants/{home.Id}/surveys", new { surveyId, name = "Matrix survey" })).EnsureSuccessStatusCode();

        var callers = new List<(string Name, HttpClient Http, Func<Permission, bool> Allowed)>
        {
            ("anonymous", stack.Http, _ => false),
            ("operator", await stack.OperatorAsync(), p => AccessRules.Allows(true, [], home.Id, p)),
        };
        foreach (var role in AccessRules.TenantRoles)
        {
            callers.Add(($"{role} of the tenant", home.As(role), p => AccessRules.Allows(false, [new TenantMembership(home.Id, [role])], home.Id, p)));
            callers.Add(($"{role} of another tenant", other.As(role), p => AccessRules.Allows(false, [new TenantMembership(other.Id, [role])], home.Id, p)));
        }

        var failures = new List<string>();
        var walked = 0;
        foreach (var endpoint in ApiEndpoints().Where(e => !Anonymous.Contains(e.Key)))
        {
            foreach (var (name, http, allowed) in callers)
            {
                var path = endpoint.Pattern
                    .Replace("{tenantId}", home.Id)
                    .Replace("{customerId}", customer.CustomerId)
                    .Replace("{username}", target)
                    .Replace("{surveyId}", surveyId)
                    .Replace("{version:int}", "1")
                    .TrimStart('/');
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
                if (endpoint.Method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                walked++;
                var expectAllowed = name != "anonymous" && (endpoint.Permission is not { } permission || allowed(permission));
                var ok = name == "anonymous"
                    ? status == 401
                    : expectAllowed
                        ? status is not (401 or 403) and < 500
                        : status is 403 or 404;
                if (!ok)
                {
                    failures.Add($"{endpoint.Key} as {name}: {status} (expected {(name == "anonymous" ? "401" : expectAllowed ? "allowed" : "403/404")})");
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(walked >= ApiEndpoints().Count * callers.Count - callers.Count, $"walked {walked}");
    }

    private List<ApiEndpoint> ApiEndpoints() => Security.ApiEndpoints.Of(stack.ClientServices);
}
