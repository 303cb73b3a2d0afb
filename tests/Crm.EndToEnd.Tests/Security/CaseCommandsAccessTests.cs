using System.Net.Http.Json;
using System.Security.Claims;
using Crm.Client.Cases;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>
/// The web UI's door: every case action the pages run goes through <see cref="CaseCommands"/>, called here with each
/// tenant role, every role of another tenant and the operator, against the real cluster of the stack. Each answer is
/// checked against <see cref="AccessRules"/> with the permission the API's endpoint of the same name declares, so the
/// two doors cannot drift apart: a refusal is a <see cref="ForbiddenException"/> that changed nothing, an allowed call
/// is never refused, and each done action leaves one audit row under its one name.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CaseCommandsAccessTests(CrmStackFixture stack)
{
    private CaseCommands Cases => stack.ClientServices.GetRequiredService<CaseCommands>();

    private IClusterClient Cluster => stack.ClientServices.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task EveryCaseAction_EveryCaller_IsAllowedOrRefusedAsTheApiEndpointOfTheSameName()
    {
        var home = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var admin = Principal(home, Role.TenantAdmin, home.Id);
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await home.Agent.PostAsJsonAsync(
            $"api/tenants/{home.Id}/customers", new { displayName = "Door Customer", channels = Array.Empty<object>() }));
        // Someone else who works cases, for the agent (the team lead is themselves for one caller, and allowed either way).
        var colleague = home.Users[Role.TeamLead].Username;
        var permissions = EndpointPermissions();

        var callers = new List<(string Name, ClaimsPrincipal User, Func<Permission, bool> Allowed)>
        {
            ("operator", Operator(), p => AccessRules.Allows(true, [], home.Id, p)),
        };
        foreach (var role in AccessRules.TenantRoles)
        {
            callers.Add(($"{role} of the tenant", Principal(home, role, home.Id), p => AccessRules.Allows(false, [new TenantMembership(home.Id, [role])], home.Id, p)));
            callers.Add(($"{role} of another tenant", Principal(other, role, other.Id), p => AccessRules.Allows(false, [new TenantMembership(other.Id, [role])], home.Id, p)));
        }

        var failures = new List<string>();
        var done = new HashSet<string>();
        var walked = 0;
        foreach (var (name, user, allowed) in callers)
        {
            // A fresh case per caller, and a merge target, so each caller walks the actions from an open case.
            var caseId = (await Cases.OpenAsync(admin, home.Id, NewCase(customer.CustomerId))).Case.CaseId;
            var targetId = (await Cases.OpenAsync(admin, home.Id, NewCase(customer.CustomerId))).Case.CaseId;
            var actions = new (string Endpoint, string AuditName, Func<Task> Run)[]
            {
                (CaseCommandNames.Open, CaseCommandNames.Open, () => Cases.OpenAsync(user, home.Id, NewCase(customer.CustomerId))),
                (CaseCommandNames.Get, CaseCommandNames.Get, () => Cases.GetAsync(user, home.Id, caseId)),
                (CaseCommandNames.History, CaseCommandNames.History, () => Cases.HistoryAsync(user, home.Id, caseId, 10, null)),
                (CaseCommandNames.Queue, CaseCommandNames.Queue, () => Cases.QueueAsync(user, home.Id, CaseCommandNames.Queue, new CaseQueueQuery())),
                (CaseCommandNames.MyCases, CaseCommandNames.MyCases, () => Cases.QueueAsync(user, home.Id, CaseCommandNames.MyCases, new CaseQueueQuery())),
                (CaseCommandNames.Escalations, CaseCommandNames.Escalations, () => Cases.QueueAsync(user, home.Id, CaseCommandNames.Escalations, new CaseQueueQuery())),
                (CaseCommandNames.Note, CaseCommandNames.Note, () => Cases.AddNoteAsync(user, home.Id, caseId, "A note.")),
                (CaseCommandNames.Reply, CaseCommandNames.Reply, () => Cases.ReplyAsync(user, home.Id, caseId, "A reply.", null)),
                (CaseCommandNames.CustomerMessage, CaseCommandNames.CustomerMessage, () => Cases.ReceiveCustomerMessageAsync(user, home.Id, caseId, "Still broken.")),
                (CaseCommandNames.ChangeDetails, CaseCommandNames.ChangeDetails, () => Cases.ChangeDetailsAsync(user, home.Id, caseId, CaseSeverity.Major, null)),
                (CaseCommandNames.Escalate, CaseCommandNames.Escalate, () => Cases.EscalateAsync(user, home.Id, caseId, "Angry customer.")),
                (CaseCommandNames.Take, CaseCommandNames.Take, () => Cases.TakeAsync(user, home.Id, caseId)),
                // Giving it to oneself is taking it (cases.write); to someone else is the API's AssignCase (cases.assign).
                (CaseCommandNames.Take, CaseCommandNames.Assign, () => Cases.AssignAsync(user, home.Id, caseId, user.Username())),
                (CaseCommandNames.Assign, CaseCommandNames.Assign, () => Cases.AssignAsync(user, home.Id, caseId, colleague)),
                // The colleague made available first, so automatic assignment has someone to pick.
                (CaseCommandNames.SetMyAvailability, CaseCommandNames.SetMyAvailability, () => Cases.SetAvailabilityAsync(user, home.Id, null, true)),
                (CaseCommandNames.SetAvailability, CaseCommandNames.SetAvailability, () => Cases.SetAvailabilityAsync(user, home.Id, colleague, true)),
                (CaseCommandNames.AutoAssign, CaseCommandNames.AutoAssign, () => Cases.AutoAssignAsync(user, home.Id, caseId)),
                (CaseCommandNames.Apply, CaseCommandNames.Apply, () => Cases.ApplyAsync(user, home.Id, caseId, CaseAction.WaitOnCustomer, null)),
                // The bulk endpoint's door: each of its cases is audited under the single action's name.
                (CaseCommandNames.Bulk, CaseCommandNames.Apply, () => Cases.BulkApplyAsync(user, home.Id, [caseId], CaseAction.StartWork)),
                (CaseCommandNames.Merge, CaseCommandNames.Merge, () => Cases.MergeAsync(user, home.Id, caseId, targetId)),
            };
            foreach (var (endpoint, auditName, run) in actions)
            {
                walked++;
                var expected = allowed(permissions[endpoint]);
                var before = await Cluster.GetGrain<ICaseGrain>(CaseKey.Format(home.Id, caseId)).GetAsync();
                var outcome = await OutcomeAsync(run);
                if (expected && outcome is ForbiddenException)
                {
                    failures.Add($"{auditName} by {name}: refused ({outcome.Message}), the rules allow it");
                }
                else if (!expected && outcome is not ForbiddenException)
                {
                    failures.Add($"{auditName} by {name}: {(outcome is null ? "done" : outcome.GetType().Name)}, the rules refuse it");
                }
                else if (!expected && (await Cluster.GetGrain<ICaseGrain>(CaseKey.Format(home.Id, caseId)).GetAsync())!.Version != before!.Version)
                {
                    failures.Add($"{auditName} by {name}: refused, but the case changed");
                }
                else if (expected && outcome is not null and not CrmProblemException)
                {
                    failures.Add($"{auditName} by {name}: {outcome.GetType().Name}: {outcome.Message}");
                }
                else if (outcome is null)
                {
                    done.Add(auditName);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {walked} calls broke the rules:\n" + string.Join("\n", failures));

        // Every action was done by someone, and is audited under its one name (the detail starts with it), nothing else.
        var details = new List<string>();
        string? token = null;
        do
        {
            var page = await Cluster.GetGrain<IAuditLogGrain>(home.Id).ListAsync(100, token);
            details.AddRange(page.Entries.Where(e => e.TargetType is AuditTargetType.Case or AuditTargetType.User && e.Detail is not null).Select(e => e.Detail!));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.DoesNotContain(done, a => !details.Any(d => d == a || d.StartsWith(a + ":", StringComparison.Ordinal)));
        Assert.Equal(typeof(CaseCommandNames).GetFields().Select(f => (string)f.GetValue(null)!).Where(n => n != CaseCommandNames.Bulk).Order(), done.Order());
    }

    /// <summary>The permission each case endpoint of the API declares, by its operation name.</summary>
    private Dictionary<string, Permission> EndpointPermissions() =>
        stack.ClientServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null && e.Metadata.GetMetadata<RequiresPermission>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName)
            .ToDictionary(g => g.Key, g => g.First().Metadata.GetMetadata<RequiresPermission>()!.Permission);

    private static async Task<Exception?> OutcomeAsync(Func<Task> run)
    {
        try
        {
            await run();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static NewCase NewCase(string customerId) =>
        new(customerId, CaseKind.Inquiry, "Door test", "Where is my parcel?", RequestId: Guid.NewGuid().ToString("N"));

    /// <summary>A signed-in user as the front end resolves them, holding one role in <paramref name="tenantId"/>.</summary>
    private static ClaimsPrincipal Principal(TestTenant tenant, Role role, string tenantId) =>
        new(CrmClaims.Resolved(new UserSession(tenant.Users[role].Username, role.ToString(), false, [new TenantMembership(tenantId, [role])]), "stamp"));

    private static ClaimsPrincipal Operator() =>
        new(CrmClaims.Resolved(new UserSession("admin", "Operator", true, []), "stamp"));
}
