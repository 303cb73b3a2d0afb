using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Testing;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>Sessions end when they should: revocation, role changes, lockout, rate limits, and who may manage whom.</summary>
[Collection(StackCollection.Name)]
public sealed class SessionTests(CrmStackFixture stack)
{
    [Fact]
    public async Task PasswordReset_EndsTheUsersExistingTokensAtOnce()
    {
        var tenant = await stack.NewTenantAsync();
        var (agent, _, token) = tenant.Users[Role.Agent];
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("api/me")).StatusCode);

        var reset = await tenant.Admin.PostAsync($"api/tenants/{tenant.Id}/users/{agent}/password-reset", null);
        var password = (await CrmStackFixture.ReadAsync<PasswordResetShape>(reset)).Password;

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("api/me")).StatusCode);
        var fresh = await stack.SignInAsync(agent, password);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"api/tenants/{tenant.Id}/customers")).StatusCode);
    }

    [Fact]
    public async Task RoleRemoved_TakesEffectOnTheNextRequestWithTheSameToken()
    {
        var tenant = await stack.NewTenantAsync();
        var (agent, _, token) = tenant.Users[Role.Agent];
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync($"api/tenants/{tenant.Id}/customers")).StatusCode);

        (await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/users/{agent}/roles", new { roles = Array.Empty<string>() })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync($"api/tenants/{tenant.Id}/customers")).StatusCode);
        var members = await CrmStackFixture.ReadAsync<UserView[]>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/users"));
        Assert.DoesNotContain(members, m => m.Username == agent);
    }

    [Fact]
    public async Task ChangePassword_EndsOldTokensAndTheNewPasswordWorks()
    {
        var tenant = await stack.NewTenantAsync();
        var (agent, password, token) = tenant.Users[Role.Agent];

        var weak = await token.PostAsJsonAsync("api/me/password", new { currentPassword = password, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var changed = await token.PostAsJsonAsync("api/me/password", new { currentPassword = password, newPassword = "a much longer passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await stack.SignInAsync(agent, "a much longer passphrase")).GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccountEvenForTheRightOne()
    {
        var tenant = await stack.NewTenantAsync();
        var (agent, password, _) = tenant.Users[Role.Agent];

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Http.PostAsJsonAsync("api/auth/token", new { username = agent, password = "wrong" + i })).StatusCode);
        }

        var refused = await stack.Http.PostAsJsonAsync("api/auth/token", new { username = agent, password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignIn_BeyondTheRateLimit_Is429WithProblemDetails()
    {
        var address = new Uri($"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/");
        var frontEnd = await stack.StartFrontEndAsync(address, "--Crm:Security:SignInsPerMinute=3");
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await http.PostAsJsonAsync("api/auth/token", new { username = "nobody", password = "whatever-it-is" })).StatusCode);
            }

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
            var limited = await http.PostAsJsonAsync("api/auth/token", new { username = "nobody", password = "whatever-it-is" });
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await frontEnd.StopAsync();
            await frontEnd.DisposeAsync();
        }
    }

    [Fact]
    public async Task TenantAdmin_CannotTakeOverAUserWhoAlsoWorksForAnotherTenant()
    {
        var first = await stack.NewTenantAsync();
        var second = await stack.NewTenantAsync();
        var (shared, _, _) = first.Users[Role.Agent];
        var operatorHttp = await stack.OperatorAsync();
        (await operatorHttp.PutAsJsonAsync($"api/tenants/{second.Id}/users/{shared}/roles", new { roles = new[] { "Analyst" } })).EnsureSuccessStatusCode();

        var byAdmin = await first.Admin.PostAsync($"api/tenants/{first.Id}/users/{shared}/password-reset", null);
        var otherAdminRoles = await second.Admin.PutAsJsonAsync($"api/tenants/{second.Id}/users/{first.Users[Role.TeamLead].Username}/roles", new { roles = new[] { "TenantAdmin" } });
        var byOperator = await operatorHttp.PostAsync($"api/tenants/{first.Id}/users/{shared}/password-reset", null);

        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAdminRoles.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
    }

    [Fact]
    public async Task TenantAdmin_CreatesAUserWithAGeneratedPasswordShownOnce()
    {
        var tenant = await stack.NewTenantAsync();
        var username = "new-" + tenant.Id;

        var created = await CrmStackFixture.ReadAsync<CreatedUser>(await tenant.Admin.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/users", new { username, displayName = "New Agent", roles = new[] { "Agent" } }));
        var again = await tenant.Admin.PostAsJsonAsync($"api/tenants/{tenant.Id}/users", new { username, displayName = "Again", roles = new[] { "Agent" } });
        var listed = await CrmStackFixture.ReadAsync<UserView[]>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/users"));

        Assert.NotNull(created.GeneratedPassword);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(listed, u => u.Username == username);
        var me = await CrmStackFixture.ReadAsync<UserSession>(await (await stack.SignInAsync(username, created.GeneratedPassword!)).GetAsync("api/me"));
        Assert.Equal([Role.Agent], Assert.Single(me.Memberships).Roles.ToArray());
    }

    private sealed record PasswordResetShape(string Username, string Password);
}
