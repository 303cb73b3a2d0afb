using System.Globalization;
using System.Security.Claims;
using Crm.Client.Cases;
using Crm.Client.Infrastructure;
using Crm.Client.Localization;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Crm.Client.Apis;

/// <summary>Cases, their history and every action agents take on them, per tenant.</summary>
public static class CasesApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/cases").WithTags("Cases");

        api.MapPost("/", OpenAsync).WithName(CaseCommandNames.Open)
            .WithSummary("Opens a case. Send an Idempotency-Key header (or requestId) to make retries safe: a retry returns the first case with 200.")
            .RequirePermission(Permission.CasesWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{caseId}", GetAsync).WithName(CaseCommandNames.Get).WithSummary("A case with its SLA measured now; the ETag is its version.")
            .RequirePermission(Permission.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{caseId}/history", GetHistoryAsync).WithName(CaseCommandNames.History).WithSummary("The case's history, oldest first.")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapCommand(api, "/{caseId}/replies", CaseCommandNames.Reply, "A public reply to the customer; the first is the first response. 'then' may wait on the customer or resolve.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, ReplyRequest body) => c.ReplyAsync(user, t, id, body.Text, body.Then));
        MapCommand(api, "/{caseId}/notes", CaseCommandNames.Note, "An internal note; never shown to the customer.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, TextRequest body) => c.AddNoteAsync(user, t, id, body.Text));
        MapCommand(api, "/{caseId}/actions", CaseCommandNames.Apply, "Moves the case through its lifecycle; 409 says which actions its status allows.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, CaseActionRequest body) => c.ApplyAsync(user, t, id, body.Action, body.Comment));
        MapCommand(api, "/{caseId}/customer-messages", CaseCommandNames.CustomerMessage,
            "The customer wrote again: resumes a case waiting on them, reopens a resolved one within the reopen window (409 after it).",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, TextRequest body) => c.ReceiveCustomerMessageAsync(user, t, id, body.Text));
        MapCommand(api, "/{caseId}/details", CaseCommandNames.ChangeDetails,
            "Re-triages an open case: severity (moves the resolution deadline) and category; a field left out stays.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, DetailsRequest body) => c.ChangeDetailsAsync(user, t, id, body.Severity, body.Category));
        MapCommand(api, "/{caseId}/escalation", CaseCommandNames.Escalate, "Puts the case in the escalation queue and notifies the team leads.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, EscalateRequest body) => c.EscalateAsync(user, t, id, body.Reason));
        MapCommand(api, "/{caseId}/merge", CaseCommandNames.Merge, "Merges this duplicate into another case of the same customer; this case closes.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, MergeRequest body) => c.MergeAsync(user, t, id, body.TargetCaseId));
        MapCommand(api, "/{caseId}/take", CaseCommandNames.Take, "Assigns the case to you.",
            (CaseCommands c, ClaimsPrincipal user, string t, string id, TakeRequest _) => c.TakeAsync(user, t, id));
        api.MapPost("/bulk", BulkAsync).WithName(CaseCommandNames.Bulk)
            .WithSummary($"Assigns (operation Assign, assignee; null unassigns) or changes the status of (operation ChangeStatus, action) 1 to {CaseCommands.MaxBulkCases} cases. " +
                "Each goes through the single action's rule and audit; one refusal never stops the rest, and each case has its result (status: what the single call would have answered).")
            .RequirePermission(Permission.CasesWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/{caseId}/assignee", AssignAsync).WithName(CaseCommandNames.Assign)
            .WithSummary("Assigns the case to a user who works cases in the tenant; null unassigns.")
            .RequirePermission(Permission.CasesAssign)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{caseId}/auto-assign", AutoAssignAsync).WithName(CaseCommandNames.AutoAssign)
            .WithSummary("Assigns by the tenant's rule (least loaded unless round robin is set) among available agents; 409 when none is.")
            .RequirePermission(Permission.CasesAssign)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var tenant = app.MapGroup("/api/tenants/{tenantId}").WithTags("Work queue");
        tenant.MapGet("/queue", QueueAsync).WithName(CaseCommandNames.Queue)
            .WithSummary("Open cases, most urgent first (time left to the next SLA deadline); waiting cases last. Filter by kind, severity, category, assignee ('-' for unassigned) and the customer's latest tone (tone=Dissatisfied).")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem();
        tenant.MapGet("/my-cases", MyCasesAsync).WithName(CaseCommandNames.MyCases).WithSummary("Your open cases, most urgent first; tone=Dissatisfied keeps the angry ones.")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem();
        tenant.MapGet("/escalations", EscalationsAsync).WithName(CaseCommandNames.Escalations).WithSummary("Escalated open cases, most urgent first; tone=Dissatisfied keeps the angry ones.")
            .RequirePermission(Permission.EscalationsRead)
            .ProducesValidationProblem();
        tenant.MapGet("/notifications", NotificationsAsync).WithName("GetDeskNotifications")
            .WithSummary("The team leads' feed of SLA warnings, breaches and escalations, newest first.")
            .RequirePermission(Permission.EscalationsRead)
            .ProducesValidationProblem();
        tenant.MapGet("/agents", AgentsAsync).WithName("ListAgentLoads")
            .WithSummary("Agents in automatic assignment: availability and open cases.")
            .RequirePermission(Permission.CasesRead);
        tenant.MapPut("/agents/me/availability", SetMyAvailabilityAsync).WithName(CaseCommandNames.SetMyAvailability)
            .WithSummary("Whether you take automatically assigned cases.")
            .RequirePermission(Permission.CasesWrite)
            .ProducesValidationProblem();
        tenant.MapPut("/agents/{username}/availability", SetAvailabilityAsync).WithName(CaseCommandNames.SetAvailability)
            .WithSummary("Whether an agent takes automatically assigned cases.")
            .RequirePermission(Permission.CasesAssign)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Created<CaseView>, Ok<CaseView>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        string tenantId, NewCase report, CaseCommands cases, HttpContext context,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var requestId = idempotencyKey ?? report.RequestId;
        if (idempotencyKey is not null && report.RequestId is not null && idempotencyKey != report.RequestId)
        {
            return ApiProblems.Invalid("requestId", "Differs from the Idempotency-Key header; send one or make them equal.");
        }

        if (requestId is not null && !CaseKey.IsRequestId(requestId.Trim()))
        {
            return ApiProblems.Invalid(idempotencyKey is null ? "requestId" : IdempotencyKeyHeader, "1-100 printable ASCII characters.");
        }

        var opening = await cases.OpenAsync(context.User, tenantId, report with { RequestId = requestId });
        SetETag(context, opening.Case);
        return opening.Created
            ? TypedResults.Created($"/api/tenants/{tenantId}/cases/{opening.Case.CaseId}", opening.Case)
            : TypedResults.Ok(opening.Case);
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        string tenantId, string caseId, CaseCommands cases, HttpContext context)
    {
        if (!IsCase(tenantId, caseId) || await cases.GetAsync(context.User, tenantId, caseId) is not { } view)
        {
            return NotFound(tenantId, caseId);
        }

        SetETag(context, view);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<CaseEventPage>, ProblemHttpResult>> GetHistoryAsync(
        string tenantId, string caseId, CaseCommands cases, HttpContext context, int? pageSize, string? continuationToken)
    {
        if (!IsCase(tenantId, caseId))
        {
            return NotFound(tenantId, caseId);
        }

        return TypedResults.Ok(await cases.HistoryAsync(context.User, tenantId, caseId, pageSize ?? Paging.MaxPageSize, continuationToken));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> AssignAsync(
        string tenantId, string caseId, AssignRequest body, CaseCommands cases, HttpContext context)
    {
        if (!IsCase(tenantId, caseId))
        {
            return NotFound(tenantId, caseId);
        }

        var view = await cases.AssignAsync(context.User, tenantId, caseId, body.Assignee);
        SetETag(context, view);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<BulkCaseResponse>, ValidationProblem>> BulkAsync(
        string tenantId, BulkCaseRequest body, CaseCommands cases, ProblemTexts problems, HttpContext context)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var errors = new Dictionary<string, string[]>();
        ImmutableArray<string> ids = body.CaseIds.IsDefault ? [] : [.. body.CaseIds.Select(id => id?.Trim() ?? "")];
        if (ids.IsEmpty)
        {
            errors["caseIds"] = [$"Between 1 and {CaseCommands.MaxBulkCases} case ids."];
        }
        else if (ids.Any(id => id.Length == 0))
        {
            errors["caseIds"] = ["A case id is missing."];
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
        {
            errors["caseIds"] = ["Each case at most once."];
        }

        if (body.Operation is null)
        {
            errors["operation"] = ["Required."];
        }
        else if (body.Operation == BulkCaseOperation.ChangeStatus && body.Action is null)
        {
            errors["action"] = ["Required."];
        }
        else if (body.Operation == BulkCaseOperation.Assign && body.Action is not null)
        {
            errors["action"] = ["Only with operation ChangeStatus."];
        }
        else if (body.Operation == BulkCaseOperation.ChangeStatus && body.Assignee is not null)
        {
            errors["assignee"] = ["Only with operation Assign."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcomes = body.Operation == BulkCaseOperation.Assign
            ? await cases.BulkAssignAsync(context.User, tenantId, ids, body.Assignee)
            : await cases.BulkApplyAsync(context.User, tenantId, ids, body.Action!.Value);
        var items = outcomes.Select(o => new BulkCaseItem(o.CaseId, o.Status, o.Case, o.Problem is null ? null : problems.Translate(o.Problem))).ToImmutableArray();
        return TypedResults.Ok(new BulkCaseResponse(items.Count(i => i.Status == StatusCodes.Status200OK), items.Count(i => i.Status != StatusCodes.Status200OK), items));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> AutoAssignAsync(
        string tenantId, string caseId, CaseCommands cases, HttpContext context)
    {
        if (!IsCase(tenantId, caseId))
        {
            return NotFound(tenantId, caseId);
        }

        return TypedResults.Ok(await cases.AutoAssignAsync(context.User, tenantId, caseId));
    }

    public static async Task<Results<Ok<CaseQueuePage>, ValidationProblem>> QueueAsync(
        string tenantId, CaseCommands cases, HttpContext context,
        string? kind, string? severity, string? category, string? assignee, int? pageSize, string? continuationToken, string? tone = null)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var errors = new Dictionary<string, string[]>();
        var query = new CaseQueueQuery(
            ParseEnum<Domain.Cases.CaseKind>(kind, "kind", errors),
            ParseEnum<Domain.Cases.CaseSeverity>(severity, "severity", errors),
            category,
            assignee,
            PageSize: pageSize ?? Paging.DefaultPageSize,
            ContinuationToken: continuationToken,
            Tone: ParseEnum<Contracts.Scoring.CommentTone>(tone, "tone", errors));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await cases.QueueAsync(context.User, tenantId, CaseCommandNames.Queue, query));
    }

    public static Task<Results<Ok<CaseQueuePage>, ValidationProblem>> MyCasesAsync(
        string tenantId, CaseCommands cases, HttpContext context, int? pageSize, string? continuationToken, string? tone = null) =>
        FilteredQueueAsync(cases, context, tenantId, tone, CaseCommandNames.MyCases,
            new CaseQueueQuery(PageSize: pageSize ?? Paging.DefaultPageSize, ContinuationToken: continuationToken));

    public static Task<Results<Ok<CaseQueuePage>, ValidationProblem>> EscalationsAsync(
        string tenantId, CaseCommands cases, HttpContext context, int? pageSize, string? continuationToken, string? tone = null) =>
        FilteredQueueAsync(cases, context, tenantId, tone, CaseCommandNames.Escalations,
            new CaseQueueQuery(PageSize: pageSize ?? Paging.DefaultPageSize, ContinuationToken: continuationToken));

    /// <summary>A fixed part of the queue, narrowed by the customer's tone when asked ("dissatisfied only").</summary>
    private static async Task<Results<Ok<CaseQueuePage>, ValidationProblem>> FilteredQueueAsync(
        CaseCommands cases, HttpContext context, string tenantId, string? tone, string which, CaseQueueQuery query)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var errors = new Dictionary<string, string[]>();
        var parsed = ParseEnum<Contracts.Scoring.CommentTone>(tone, "tone", errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await cases.QueueAsync(context.User, tenantId, which, query with { Tone = parsed }));
    }

    public static async Task<Results<Ok<DeskNotificationPage>, ValidationProblem>> NotificationsAsync(
        string tenantId, IClusterClient cluster, int? pageSize, string? continuationToken) =>
        !Identifiers.IsTenantId(tenantId)
            ? ApiProblems.InvalidTenant()
            : TypedResults.Ok(await cluster.GetGrain<IDeskNotificationGrain>(tenantId).ListAsync(pageSize ?? Paging.DefaultPageSize, continuationToken));

    public static async Task<Results<Ok<ImmutableArray<AgentLoad>>, ValidationProblem>> AgentsAsync(string tenantId, IClusterClient cluster) =>
        !Identifiers.IsTenantId(tenantId)
            ? ApiProblems.InvalidTenant()
            : TypedResults.Ok(await cluster.GetGrain<IAgentRosterGrain>(tenantId).ListAsync());

    public static Task<Results<Ok<AgentLoad>, ValidationProblem>> SetMyAvailabilityAsync(
        string tenantId, AvailabilityRequest body, CaseCommands cases, HttpContext context) =>
        SetAvailabilityAsync(tenantId, context.User.Username(), body, cases, context);

    public static async Task<Results<Ok<AgentLoad>, ValidationProblem>> SetAvailabilityAsync(
        string tenantId, string username, AvailabilityRequest body, CaseCommands cases, HttpContext context) =>
        !Identifiers.IsTenantId(tenantId)
            ? ApiProblems.InvalidTenant()
            : TypedResults.Ok(await cases.SetAvailabilityAsync(context.User, tenantId, username, body.Available));

    /// <summary>One POST that runs a case command with a JSON body through <see cref="CaseCommands"/> and answers with the case.</summary>
    private static void MapCommand<TBody>(
        RouteGroupBuilder api, string pattern, string name, string summary, Func<CaseCommands, ClaimsPrincipal, string, string, TBody, Task<CaseView>> command)
    {
        api.MapPost(pattern, async Task<Results<Ok<CaseView>, ProblemHttpResult>> (
                string tenantId, string caseId, TBody body, CaseCommands cases, HttpContext context) =>
            {
                if (!IsCase(tenantId, caseId))
                {
                    return NotFound(tenantId, caseId);
                }

                var view = await command(cases, context.User, tenantId, caseId, body);
                SetETag(context, view);
                return TypedResults.Ok(view);
            })
            .WithName(name)
            .WithSummary(summary)
            .RequirePermission(Permission.CasesWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static TEnum? ParseEnum<TEnum>(string? value, string field, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum =>
        QueryEnums.Parse<TEnum>(value, field, errors);

    private static bool IsCase(string tenantId, string caseId) => Identifiers.IsTenantId(tenantId) && Identifiers.IsEntityId(caseId);

    private static void SetETag(HttpContext context, CaseView view) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{view.Version.ToString(CultureInfo.InvariantCulture)}\"";

    private static ProblemHttpResult NotFound(string tenantId, string caseId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No case '{caseId}' in tenant '{tenantId}'.");
}
