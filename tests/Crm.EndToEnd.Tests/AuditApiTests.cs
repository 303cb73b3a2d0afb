using System.Net;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;

namespace Crm.EndToEnd.Tests;

/// <summary>The audit log's filters at the API (the audit page reads through the same query).</summary>
[Collection(StackCollection.Name)]
public sealed class AuditApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task ListAudit_FiltersByActorActionAndTime_AndRefusesAnEmptyRange()
    {
        var tenant = await stack.NewTenantAsync();
        var admin = tenant.Users[Role.TenantAdmin].Username;
        var agent = tenant.Users[Role.Agent].Username;
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        (await tenant.Admin.PostAsync($"api/tenants/{tenant.Id}/users/{agent}/password-reset", null)).EnsureSuccessStatusCode();
        string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

        var byAdmin = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?actor={admin}&action=PasswordReset&from={Q(before)}"));
        var byOperator = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?actor=admin&action=PasswordReset"));
        var created = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?action=UserCreated&pageSize=2"));
        var later = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?from={Q(DateTimeOffset.UtcNow.AddMinutes(5))}"));
        var empty = await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit?from={Q(before)}&to={Q(before)}");

        var entry = Assert.Single(byAdmin.Entries);
        Assert.Equal((AuditAction.PasswordReset, AuditTargetType.User, agent), (entry.Action, entry.TargetType, entry.TargetId));
        Assert.Empty(byOperator.Entries);
        // Five users were created by the fixture: two on this page, and a token for the rest.
        Assert.Equal(2, created.Entries.Length);
        Assert.All(created.Entries, e => Assert.Equal(AuditAction.UserCreated, e.Action));
        Assert.NotNull(created.ContinuationToken);
        var rest = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync(
            $"api/tenants/{tenant.Id}/audit?action=UserCreated&pageSize=50&continuationToken={Uri.EscapeDataString(created.ContinuationToken!)}"));
        Assert.Equal(3, rest.Entries.Length);
        Assert.Empty(created.Entries.Select(e => e.Id).Intersect(rest.Entries.Select(e => e.Id)));
        Assert.Empty(later.Entries);
        Assert.Null(later.ContinuationToken);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("\"to\"", await empty.Content.ReadAsStringAsync());
    }
}
