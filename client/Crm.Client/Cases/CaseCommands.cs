using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;

namespace Crm.Client.Cases;

/// <summary>
/// The one door for every case action, shared by the REST handlers and the pages: it checks the caller's permission
/// in the tenant (from <see cref="AccessRules"/>), runs the grain command, and records the audit under the action's one
/// name (<see cref="CaseCommandNames"/>). Refusals are the same exceptions for both doors: the API's exception handler
/// makes them problem details, a page's <c>GrainCall</c> makes them field errors or a notice.
/// The API's endpoint policies check the same permission before this does; for the pages this is the check.
/// </summary>
public sealed class CaseCommands(IClusterClient cluster, AuditTrail audit, TimeProvider time)
{
    /// <summary>What a caller without the action's permission is told (a key of <c>ProblemTexts</c>).</summary>
    public const string NotAllowed = "Your role in this tenant does not allow this.";

    /// <summary>The permission each action needs; the access test walks it against <see cref="AccessRules"/>.</summary>
    public static Permission Needs(string action) => action switch
    {
        CaseCommandNames.Get or CaseCommandNames.History or CaseCommandNames.Queue or CaseCommandNames.MyCases => Permission.CasesRead,
        CaseCommandNames.Escalations => Permission.EscalationsRead,
        CaseCommandNames.AutoAssign or CaseCommandNames.SetAvailability => Permission.CasesAssign,
        // Assigning to someone else needs cases.assign on top (CaseAssignRules); to oneself it is taking the case.
        CaseCommandNames.Assign => Permission.CasesWrite,
        _ => Permission.CasesWrite,
    };

    /// <summary>Opens a case; the request id (the Idempotency-Key) makes a retry answer with the first case.</summary>
    public async Task<CaseOpening> OpenAsync(ClaimsPrincipal user, string tenantId, NewCase report)
    {
        Require(user, tenantId, CaseCommandNames.Open);
        if (!CaseAssignRules.MayAssignOnOpen(user, tenantId, report.Assignee))
        {
            throw new ForbiddenException(CaseAssignRules.NeedsAssignPermission);
        }

        var requestId = report.RequestId?.Trim();
        var caseId = requestId is null ? Identifiers.NewId(time.GetUtcNow()) : CaseKey.IdForRequest(requestId);
        var opening = await Case(tenantId, caseId).OpenAsync(report with { RequestId = requestId }, user.Username());
        if (opening.Created)
        {
            await audit.RecordAsync(user, tenantId, AuditAction.Create, AuditTargetType.Case, caseId, CaseCommandNames.Open);
        }

        return opening;
    }

    /// <summary>The case (its version is the ETag), or null when there is none; an existing case's read is audited.</summary>
    public async Task<CaseView?> GetAsync(ClaimsPrincipal user, string tenantId, string caseId)
    {
        Require(user, tenantId, CaseCommandNames.Get);
        if (!Identifiers.IsEntityId(caseId) || await Case(tenantId, caseId).GetAsync() is not { } view)
        {
            return null;
        }

        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Case, caseId, CaseCommandNames.Get);
        return view;
    }

    /// <summary>
    /// Another look at a case already read in this sitting (a page's refresh after a change, or every few seconds):
    /// the same permission, no new audit row, since the first read was recorded.
    /// </summary>
    public Task<CaseView?> RefreshAsync(ClaimsPrincipal user, string tenantId, string caseId)
    {
        Require(user, tenantId, CaseCommandNames.Get);
        return Identifiers.IsEntityId(caseId) ? Case(tenantId, caseId).GetAsync() : Task.FromResult<CaseView?>(null);
    }

    public async Task<CaseEventPage> HistoryAsync(ClaimsPrincipal user, string tenantId, string caseId, int pageSize, string? continuationToken)
    {
        var grain = Existing(user, tenantId, caseId, CaseCommandNames.History);
        var page = await grain.GetHistoryAsync(pageSize, continuationToken);
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Case, caseId, CaseCommandNames.History);
        return page;
    }

    /// <summary>More of a history already read in this sitting (its later pages, a refresh): not a new read, not audited again.</summary>
    public Task<CaseEventPage> RefreshHistoryAsync(ClaimsPrincipal user, string tenantId, string caseId, int pageSize, string? continuationToken) =>
        Existing(user, tenantId, caseId, CaseCommandNames.History).GetHistoryAsync(pageSize, continuationToken);

    public Task<CaseView> ReplyAsync(ClaimsPrincipal user, string tenantId, string caseId, string? text, CaseAction? then) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.Reply, then?.ToString(), (g, actor) => g.ReplyAsync(text ?? "", then, actor));

    public Task<CaseView> AddNoteAsync(ClaimsPrincipal user, string tenantId, string caseId, string? text) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.Note, null, (g, actor) => g.AddNoteAsync(text ?? "", actor));

    public Task<CaseView> ApplyAsync(ClaimsPrincipal user, string tenantId, string caseId, CaseAction? action, string? comment) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.Apply, action?.ToString(), (g, actor) => action is { } a
            ? g.ApplyAsync(a, comment, actor)
            : throw new ValidationFailedException([new FieldError("action", "Required.")]));

    public Task<CaseView> ReceiveCustomerMessageAsync(ClaimsPrincipal user, string tenantId, string caseId, string? text) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.CustomerMessage, null, (g, actor) => g.ReceiveCustomerMessageAsync(text ?? "", actor));

    public Task<CaseView> ChangeDetailsAsync(ClaimsPrincipal user, string tenantId, string caseId, CaseSeverity? severity, string? category) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.ChangeDetails, null, (g, actor) => g.ChangeDetailsAsync(severity, category, actor));

    public Task<CaseView> EscalateAsync(ClaimsPrincipal user, string tenantId, string caseId, string? reason) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.Escalate, null, (g, actor) => g.EscalateAsync(reason ?? "", actor));

    public Task<CaseView> MergeAsync(ClaimsPrincipal user, string tenantId, string caseId, string? targetCaseId) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.Merge, targetCaseId?.Trim(), (g, actor) => g.MergeIntoAsync(targetCaseId?.Trim() ?? "", actor));

    public Task<CaseView> TakeAsync(ClaimsPrincipal user, string tenantId, string caseId) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.Take, null, (g, actor) => g.AssignAsync(actor, actor));

    /// <summary>Puts the case in <paramref name="assignee"/>'s hands (null: nobody); anyone but oneself needs cases.assign.</summary>
    public Task<CaseView> AssignAsync(ClaimsPrincipal user, string tenantId, string caseId, string? assignee)
    {
        var normalized = string.IsNullOrWhiteSpace(assignee) ? null : Usernames.Normalize(assignee);
        Require(user, tenantId, CaseCommandNames.Assign);
        if (!CaseAssignRules.MayAssign(user, tenantId, normalized))
        {
            throw new ForbiddenException(CaseAssignRules.NeedsAssignPermission);
        }

        return ChangeAsync(user, tenantId, caseId, CaseCommandNames.Assign, normalized ?? "-", (g, actor) => g.AssignAsync(normalized, actor));
    }

    public Task<CaseView> AutoAssignAsync(ClaimsPrincipal user, string tenantId, string caseId) =>
        ChangeAsync(user, tenantId, caseId, CaseCommandNames.AutoAssign, null, (g, actor) => g.AutoAssignAsync(actor));

    /// <summary>The most cases one bulk request may name (the API's maxItems).</summary>
    public const int MaxBulkCases = 100;

    /// <summary>Assigns each case in turn through <see cref="AssignAsync"/>: the same rule and audit row as one at a time.</summary>
    public Task<ImmutableArray<BulkCaseOutcome>> BulkAssignAsync(ClaimsPrincipal user, string tenantId, IReadOnlyList<string> caseIds, string? assignee)
    {
        // Refused as a whole when the caller may not assign to that person at all: every case would say the same.
        var normalized = string.IsNullOrWhiteSpace(assignee) ? null : Usernames.Normalize(assignee);
        Require(user, tenantId, CaseCommandNames.Assign);
        if (!CaseAssignRules.MayAssign(user, tenantId, normalized))
        {
            throw new ForbiddenException(CaseAssignRules.NeedsAssignPermission);
        }

        return BulkAsync(caseIds, id => AssignAsync(user, tenantId, id, normalized));
    }

    /// <summary>Applies one lifecycle action to each case in turn through <see cref="ApplyAsync"/>.</summary>
    public Task<ImmutableArray<BulkCaseOutcome>> BulkApplyAsync(ClaimsPrincipal user, string tenantId, IReadOnlyList<string> caseIds, CaseAction action)
    {
        Require(user, tenantId, CaseCommandNames.Apply);
        return BulkAsync(caseIds, id => ApplyAsync(user, tenantId, id, action, null));
    }

    /// <summary>
    /// Runs the single command for each case, in the order given, one after another. A refusal of one (not found,
    /// not allowed in its status) is its outcome and never stops the rest; an outage is that case's 503, so what was
    /// done before it is still reported. Anything unexpected propagates.
    /// </summary>
    private static async Task<ImmutableArray<BulkCaseOutcome>> BulkAsync(IReadOnlyList<string> caseIds, Func<string, Task<CaseView>> command)
    {
        var outcomes = ImmutableArray.CreateBuilder<BulkCaseOutcome>(caseIds.Count);
        foreach (var caseId in caseIds)
        {
            outcomes.Add(await OutcomeAsync(caseId, command));
        }

        return outcomes.MoveToImmutable();
    }

    private static async Task<BulkCaseOutcome> OutcomeAsync(string caseId, Func<string, Task<CaseView>> command)
    {
        try
        {
            return new(caseId, StatusCodes.Status200OK, await command(caseId), null);
        }
        catch (ValidationFailedException ex)
        {
            return new(caseId, StatusCodes.Status400BadRequest, null, string.Join(" ", ex.Errors.Select(e => e.Message)));
        }
        catch (NotFoundException ex)
        {
            return new(caseId, StatusCodes.Status404NotFound, null, ex.Message);
        }
        catch (ForbiddenException ex)
        {
            return new(caseId, StatusCodes.Status403Forbidden, null, ex.Message);
        }
        catch (ConflictException ex)
        {
            return new(caseId, StatusCodes.Status409Conflict, null, ex.Message);
        }
        catch (PreconditionFailedException ex)
        {
            return new(caseId, StatusCodes.Status412PreconditionFailed, null, ex.Message);
        }
        catch (Exception ex) when (Infrastructure.ClusterOutage.IsOutage(ex))
        {
            return new(caseId, StatusCodes.Status503ServiceUnavailable, null, Components.Cases.GrainCall.ReconnectingMessage);
        }
    }

    /// <summary>A page of the queue: all of it (<see cref="CaseCommandNames.Queue"/>), the caller's own cases, or the escalated ones.</summary>
    public async Task<CaseQueuePage> QueueAsync(ClaimsPrincipal user, string tenantId, string which, CaseQueueQuery query)
    {
        Require(user, tenantId, which);
        var scoped = which switch
        {
            CaseCommandNames.MyCases => query with { Assignee = user.Username() },
            CaseCommandNames.Escalations => query with { EscalatedOnly = true },
            CaseCommandNames.Queue => query,
            _ => throw new ArgumentOutOfRangeException(nameof(which), which, "Not a queue."),
        };
        var page = await cluster.GetGrain<ICaseQueueGrain>(tenantId).ListAsync(scoped);
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Case, AuditTrail.ListTarget, $"{which}: {page.Items.Length} cases");
        return page;
    }

    /// <summary>Whether <paramref name="username"/> (null: the caller) takes automatically assigned cases; others need cases.assign.</summary>
    public async Task<AgentLoad> SetAvailabilityAsync(ClaimsPrincipal user, string tenantId, string? username, bool available)
    {
        var self = username is null || Usernames.Normalize(username) == user.Username();
        var action = self ? CaseCommandNames.SetMyAvailability : CaseCommandNames.SetAvailability;
        Require(user, tenantId, action);
        var normalized = self ? user.Username() : Usernames.Normalize(username!);
        if (!Usernames.IsValid(normalized))
        {
            throw new ValidationFailedException([new FieldError("username", "Not a username.")]);
        }

        var member = await cluster.GetGrain<IUserGrain>(normalized).GetAsync();
        if (member is null || !AccessRules.Allows(false, member.Memberships, tenantId, Permission.CasesWrite))
        {
            throw new ValidationFailedException([new FieldError("username", $"'{normalized}' does not work cases in this tenant.")]);
        }

        var load = await cluster.GetGrain<IAgentRosterGrain>(tenantId).SetAvailabilityAsync(normalized, available);
        await audit.RecordAsync(user, tenantId, AuditAction.Update, AuditTargetType.User, normalized, $"{action}: {available}");
        return load;
    }

    /// <summary>Checks, runs one grain command as the caller, and audits it under its one name once it succeeded.</summary>
    private async Task<CaseView> ChangeAsync(
        ClaimsPrincipal user, string tenantId, string caseId, string action, string? detail, Func<ICaseGrain, string, Task<CaseView>> command)
    {
        var grain = Existing(user, tenantId, caseId, action);
        var view = await command(grain, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.Update, AuditTargetType.Case, caseId, detail is null ? action : $"{action}: {detail}");
        return view;
    }

    private ICaseGrain Existing(ClaimsPrincipal user, string tenantId, string caseId, string action)
    {
        Require(user, tenantId, action);
        return Identifiers.IsEntityId(caseId) ? Case(tenantId, caseId) : throw NotFound(tenantId, caseId);
    }

    private static void Require(ClaimsPrincipal user, string tenantId, string action)
    {
        if (!Identifiers.IsTenantId(tenantId) || !user.Allows(tenantId, Needs(action)))
        {
            throw new ForbiddenException(NotAllowed);
        }
    }

    public static NotFoundException NotFound(string tenantId, string caseId) => new($"No case '{caseId}' in tenant '{tenantId}'.");

    private ICaseGrain Case(string tenantId, string caseId) => cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenantId, caseId));
}
