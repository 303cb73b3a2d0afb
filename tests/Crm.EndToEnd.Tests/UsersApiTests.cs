using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Domain.Access;
using Microsoft.AspNetCore.Mvc;

namespace Crm.EndToEnd.Tests;

/// <summary>The membership rules at the API's door (the users page goes through the same commands).</summary>
[Collection(StackCollection.Name)]
public sealed class UsersApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task SetRoles_RemovingYourselfOrTheLastAdmin_IsAConflict_AndAnotherAdminMakesItPossible()
    {
        var tenant = await stack.NewTenantAsync();
        var admin = tenant.Users[Role.TenantAdmin].Username;
        var lead = tenant.Users[Role.TeamLead].Username;
        var operatorHttp = await stack.OperatorAsync();

        var self = await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/users/{admin}/roles", new { roles = Array.Empty<string>() });
        var lastAdmin = await operatorHttp.PutAsJsonAsync($"api/tenants/{tenant.Id}/users/{admin}/roles", new { roles = new[] { "Agent" } });

        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal(MembershipRules.NotYourself, (await self.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Conflict, lastAdmin.StatusCode);
        Assert.Equal(MembershipRules.LastTenantAdmin, (await lastAdmin.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        (await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/users/{lead}/roles", new { roles = new[] { "TeamLead", "TenantAdmin" } })).EnsureSuccessStatusCode();
        var stepDown = await tenant.Admin.PutAsJsonAsync($"api/tenants/{tenant.Id}/users/{admin}/roles", new { roles = new[] { "Agent" } });

        Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);
        var members = await CrmStackFixture.ReadAsync<UserView[]>(await operatorHttp.GetAsync($"api/tenants/{tenant.Id}/users"));
        Assert.Equal(new[] { Role.Agent }, members.Single(m => m.Username == admin).Memberships.Single(m => m.TenantId == tenant.Id).Roles.ToArray());
        // The team lead is a tenant admin now, and reads the log.
        var audit = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.As(Role.TeamLead).GetAsync($"api/tenants/{tenant.Id}/audit?targetType=User&targetId={admin}"));
        Assert.Contains(audit.Entries, e => e.Action == AuditAction.RolesChanged && e.Detail == "Agent");
    }
}
