using System.Globalization;
using Crm.Client.Infrastructure;
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

        api.MapPost("/", OpenAsync).WithName("OpenCase")
            .WithSummary("Opens a case. Send an Idempotency-Key header (or requestId) to make retries safe: a retry returns the first case with 200.")
            .RequirePermission(Permission.CasesWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{caseId}", GetAsync).WithName("GetCase").WithSummary("A case with its SLA measured now; the ETag is its version.")
            .RequirePermission(Permission.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{caseId}/history", GetHistoryAsync).WithName("GetCaseHistory").WithSummary("The case's history, oldest first.")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapCommand(api, "/{caseId}/replies", "ReplyToCase", "A public reply to the customer; the first is the first response. 'then' may wait on the customer or resolve.",
            (ICaseGrain grain, ReplyRequest body, string actor) => grain.ReplyAsync(body.Text ?? "", body.Then, actor));
        MapCommand(api, "/{caseId}/notes", "AddCaseNote", "An internal note; never shown to the customer.",
            (ICaseGrain grain, TextRequest body, string actor) => grain.AddNoteAsync(body.Text ?? "", actor));
        MapCommand(api, "/{caseId}/actions", "ApplyCaseAction", "Moves the case through its lifecycle; 409 says which actions its status allows.",
            (ICaseGrain grain, CaseActionRequest body, string actor) => body.Action is { } action
                ? grain.ApplyAsync(action, body.Comment, actor)
                : throw new ValidationFailedException([new FieldError("action", "Required.")]));
        MapCommand(api, "/{caseId}/customer-messages", "RecordCustomerMessage",
            "The customer wrote again: resumes a case waiting on them, reopens a resolved one within the reopen window (409 after it).",
            (ICaseGrain grain, TextRequest body, string actor) => grain.ReceiveCustomerMessageAsync(body.Text ?? "", actor));
        MapCommand(api, "/{caseId}/details", "ChangeCaseDetails",
            "Re-triages an open case: severity (moves the resolution deadline) and category; a field left out stays.",
            (ICaseGrain grain, DetailsRequest body, string actor) => grain.ChangeDetailsAsync(body.Severity, body.Category, actor));
        MapCommand(api, "/{caseId}/escalation", "EscalateCase", "Puts the case in the escalation queue and notifies the team leads.",
            (ICaseGrain grain, EscalateRequest body, string actor) => grain.EscalateAsync(body.Reason ?? "", actor));
        MapCommand(api, "/{caseId}/merge", "MergeCase", "Merges this duplicate into another case of the same customer; this case closes.",
            (ICaseGrain grain, MergeRequest body, string actor) => grain.MergeIntoAsync(body.TargetCaseId ?? "", actor));
        MapCommand(api, "/{caseId}/take", "TakeCase", "Assigns the case to you.",
            (ICaseGrain grain, TakeRequest _, string actor) => grain.AssignAsync(actor, actor));
        api.MapPut("/{caseId}/assignee", AssignAsync).WithName("AssignCase")
            .WithSummary("Assigns the case to a user who works cases in the tenant; null unassigns.")
            .RequirePermission(Permission.CasesAssign)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{caseId}/auto-assign", AutoAssignAsync).WithName("AutoAssignCase")
            .WithSummary("Assigns by the tenant's rule (least loaded unless round robin is set) among available agents; 409 when none is.")
            .RequirePermission(Permission.CasesAssign)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var tenant = app.MapGroup("/api/tenants/{tenantId}").WithTags("Work queue");
        tenant.MapGet("/queue", QueueAsync).WithName("GetWorkQueue")
            .WithSummary("Open cases, most urgent first (time left to the next SLA deadline); waiting cases last. Filter by kind, severity, category, assignee ('-' for unassigned) and the customer's latest tone (tone=Dissatisfied).")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem();
        tenant.MapGet("/my-cases", MyCasesAsync).WithName("GetMyCases").WithSummary("Your open cases, most urgent first; tone=Dissatisfied keeps the angry ones.")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem();
        tenant.MapGet("/escalations", EscalationsAsync).WithName("GetEscalations").WithSummary("Escalated open cases, most urgent first; tone=Dissatisfied keeps the angry ones.")
            .RequirePermission(Permission.EscalationsRead)
            .ProducesValidationProblem();
        tenant.MapGet("/notifications", NotificationsAsync).WithName("GetDeskNotifications")
            .WithSummary("The team leads' feed of SLA warnings, breaches and escalations, newest first.")
            .RequirePermission(Permission.EscalationsRead)
            .ProducesValidationProblem();
        tenant.MapGet("/agents", AgentsAsync).WithName("ListAgentLoads")
            .WithSummary("Agents in automatic assignment: availability and open cases.")
            .RequirePermission(Permission.CasesRead);
        tenant.MapPut("/agents/me/availability", SetMyAvailabilityAsync).WithName("SetMyAvailability")
            .WithSummary("Whether you take automatically assigned cases.")
            .RequirePermission(Permission.CasesWrite)
            .ProducesValidationProblem();
        tenant.MapPut("/agents/{username}/availability", SetAvailabilityAsync).WithName("SetAgentAvailability")
            .WithSummary("Whether an agent takes automatically assigned cases.")
            .RequirePermission(Permission.CasesAssign)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Created<CaseView>, Ok<CaseView>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        string tenantId, NewCase report, IClusterClient cluster, HttpContext context, TimeProvider time, AuditTrail audit,
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

        if (!CaseAssignRules.MayAssignOnOpen(context.User, tenantId, report.Assignee))
        {
            return Forbidden(CaseAssignRules.NeedsAssignPermission);
        }

        var caseId = requestId is null ? Identifiers.NewId(time.GetUtcNow()) : CaseKey.IdForRequest(requestId.Trim());
        var opening = await Case(cluster, tenantId, caseId).OpenAsync(report with { RequestId = requestId?.Trim() }, Actor.Of(context));
        SetETag(context, opening.Case);
        if (!opening.Created)
        {
            return TypedResults.Ok(opening.Case);
        }

        await audit.RecordAsync(context.User, tenantId, AuditAction.Create, AuditTargetType.Case, caseId);
        return TypedResults.Created($"/api/tenants/{tenantId}/cases/{caseId}", opening.Case);
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        string tenantId, string caseId, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!IsCase(tenantId, caseId) || await Case(cluster, tenantId, caseId).GetAsync() is not { } view)
        {
            return NotFound(tenantId, caseId);
        }

        await audit.RecordAsync(context.User, tenantId, AuditAction.Read, AuditTargetType.Case, caseId);
        SetETag(context, view);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<CaseEventPage>, ProblemHttpResult>> GetHistoryAsync(
        string tenantId, string caseId, IClusterClient cluster, HttpContext context, AuditTrail audit, int? pageSize, string? continuationToken)
    {
        if (!IsCase(tenantId, caseId))
        {
            return NotFound(tenantId, caseId);
        }

        var page = await Case(cluster, tenantId, caseId).GetHistoryAsync(pageSize ?? Paging.MaxPageSize, continuationToken);
        await audit.RecordAsync(context.User, tenantId, AuditAction.Read, AuditTargetType.Case, caseId, "history");
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> AssignAsync(
        string tenantId, string caseId, AssignRequest body, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!IsCase(tenantId, caseId))
        {
            return NotFound(tenantId, caseId);
        }

        var assignee = string.IsNullOrWhiteSpace(body.Assignee) ? null : Usernames.Normalize(body.Assignee);
        var view = await Case(cluster, tenantId, caseId).AssignAsync(assignee, Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Case, caseId, "assignee");
        SetETag(context, view);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> AutoAssignAsync(
        string tenantId, string caseId, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!IsCase(tenantId, caseId))
        {
            return NotFound(tenantId, caseId);
        }

        var view = await Case(cluster, tenantId, caseId).AutoAssignAsync(Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Case, caseId, "auto-assign");
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<CaseQueuePage>, ValidationProblem>> QueueAsync(
        string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit,
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

        return TypedResults.Ok(await ReadQueueAsync(cluster, context, audit, tenantId, query));
    }

    public static Task<Results<Ok<CaseQueuePage>, ValidationProblem>> MyCasesAsync(
        string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit, int? pageSize, string? continuationToken, string? tone = null) =>
        FilteredQueueAsync(cluster, context, audit, tenantId, tone,
            new CaseQueueQuery(Assignee: context.User.Username(), PageSize: pageSize ?? Paging.DefaultPageSize, ContinuationToken: continuationToken));

    public static Task<Results<Ok<CaseQueuePage>, ValidationProblem>> EscalationsAsync(
        string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit, int? pageSize, string? continuationToken, string? tone = null) =>
        FilteredQueueAsync(cluster, context, audit, tenantId, tone,
            new CaseQueueQuery(EscalatedOnly: true, PageSize: pageSize ?? Paging.DefaultPageSize, ContinuationToken: continuationToken));

    /// <summary>A fixed part of the queue, narrowed by the customer's tone when asked ("dissatisfied only").</summary>
    private static async Task<Results<Ok<CaseQueuePage>, ValidationProblem>> FilteredQueueAsync(
        IClusterClient cluster, HttpContext context, AuditTrail audit, string tenantId, string? tone, CaseQueueQuery query)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var errors = new Dictionary<string, string[]>();
        var parsed = ParseEnum<Contracts.Scoring.CommentTone>(tone, "tone", errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await ReadQueueAsync(cluster, context, audit, tenantId, query with { Tone = parsed }));
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
        string tenantId, AvailabilityRequest body, IClusterClient cluster, HttpContext context) =>
        SetAvailabilityAsync(tenantId, context.User.Username(), body, cluster);

    public static async Task<Results<Ok<AgentLoad>, ValidationProblem>> SetAvailabilityAsync(
        string tenantId, string username, AvailabilityRequest body, IClusterClient cluster)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var normalized = Usernames.Normalize(username);
        if (!Usernames.IsValid(normalized))
        {
            return ApiProblems.Invalid("username", "Not a username.");
        }

        var member = await cluster.GetGrain<IUserGrain>(normalized).GetAsync();
        if (member is null || !AccessRules.Allows(false, member.Memberships, tenantId, Permission.CasesWrite))
        {
            return ApiProblems.Invalid("username", $"'{normalized}' does not work cases in this tenant.");
        }

        return TypedResults.Ok(await cluster.GetGrain<IAgentRosterGrain>(tenantId).SetAvailabilityAsync(normalized, body.Available));
    }

    private static async Task<CaseQueuePage> ReadQueueAsync(
        IClusterClient cluster, HttpContext context, AuditTrail audit, string tenantId, CaseQueueQuery query)
    {
        var page = await cluster.GetGrain<ICaseQueueGrain>(tenantId).ListAsync(query);
        await audit.RecordAsync(context.User, tenantId, AuditAction.Read, AuditTargetType.Case, AuditTrail.ListTarget, $"{page.Items.Length} cases");
        return page;
    }

    /// <summary>One POST that runs a case command with a JSON body and answers with the case.</summary>
    private static void MapCommand<TBody>(
        RouteGroupBuilder api, string pattern, string name, string summary, Func<ICaseGrain, TBody, string, Task<CaseView>> command)
    {
        api.MapPost(pattern, async Task<Results<Ok<CaseView>, ProblemHttpResult>> (
                string tenantId, string caseId, TBody body, IClusterClient cluster, HttpContext context, AuditTrail audit) =>
            {
                if (!IsCase(tenantId, caseId))
                {
                    return NotFound(tenantId, caseId);
                }

                var view = await command(Case(cluster, tenantId, caseId), body, Actor.Of(context));
                await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Case, caseId, name);
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

    private static ICaseGrain Case(IClusterClient cluster, string tenantId, string caseId) =>
        cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenantId, caseId));

    private static void SetETag(HttpContext context, CaseView view) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{view.Version.ToString(CultureInfo.InvariantCulture)}\"";

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: detail);

    private static ProblemHttpResult NotFound(string tenantId, string caseId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No case '{caseId}' in tenant '{tenantId}'.");
}
