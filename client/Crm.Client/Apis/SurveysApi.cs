using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Client.Surveys;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Surveys;
using Crm.Domain.Cases;
using Crm.Domain.Common;
using Crm.Domain.Surveys;
using Crm.Reporting.Csv;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>Surveys, their versions, campaigns, invitations, responses and results, per tenant.</summary>
public static class SurveysApi
{
    private static readonly CsvColumn[] InvitationColumns =
    [
        new("invitationId"), new("customerId"), new("link"), new("expiresAt"), new("source"), new("campaignId"), new("caseId"), new("surveyVersion"),
    ];

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/surveys").WithTags("Surveys");

        api.MapGet("/", async (string tenantId, SurveyCommands surveys) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await surveys.Catalog(tenantId).ListSurveysAsync()) : ApiProblems.InvalidTenant())
            .WithName("ListSurveys").WithSummary("The tenant's surveys with their current versions.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<ImmutableArray<SurveySummary>>();
        api.MapPost("/", async (string tenantId, NewSurveyRequest body, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId)
                    ? (IResult)TypedResults.Created($"/api/tenants/{tenantId}/surveys/{body.SurveyId}", await surveys.CreateAsync(context.User, tenantId, body))
                    : ApiProblems.InvalidTenant())
            .WithName("CreateSurvey")
            .WithSummary("Creates a survey; without content it is the default (CSAT, the five service dimensions, NPS, reasons on low ratings, a comment) in zh-CN and en.")
            .RequirePermission(Permission.SurveysManage).Produces<SurveyView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/transactional-rule", async (string tenantId, SurveyCommands surveys) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await surveys.Catalog(tenantId).GetTransactionalRuleAsync()) : ApiProblems.InvalidTenant())
            .WithName("GetTransactionalSurveyRule").WithSummary("Which resolved cases are offered a survey: kinds, delay, cooldown per customer, link validity.")
            .RequirePermission(Permission.SurveysManage).Produces<TransactionalRuleView>();
        api.MapPut("/transactional-rule", async (string tenantId, TransactionalRuleView body, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await surveys.SetRuleAsync(context.User, tenantId, body)) : ApiProblems.InvalidTenant())
            .WithName("SetTransactionalSurveyRule").WithSummary("Replaces the rule; an enabled rule names one of the tenant's surveys.")
            .RequirePermission(Permission.SurveysManage).Produces<TransactionalRuleView>().ProducesValidationProblem();
        api.MapGet("/campaigns", async (string tenantId, string? surveyId, SurveyCommands surveys) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await surveys.Catalog(tenantId).ListCampaignsAsync(surveyId)) : ApiProblems.InvalidTenant())
            .WithName("ListSurveyCampaigns").WithSummary("The tenant's campaigns, newest first; optionally of one survey.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<ImmutableArray<CampaignView>>();

        api.MapGet("/{surveyId}", async (string tenantId, string surveyId, SurveyCommands surveys) =>
                Valid(tenantId, surveyId) && await surveys.Survey(tenantId, surveyId).GetAsync() is { } view ? (IResult)TypedResults.Ok(view) : NotFound(tenantId, surveyId))
            .WithName("GetSurvey").WithSummary("A survey and its current version.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<SurveyView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{surveyId}", async (string tenantId, string surveyId, EditSurveyRequest body, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId, surveyId) ? (IResult)TypedResults.Ok(await surveys.EditAsync(context.User, tenantId, surveyId, body)) : NotFound(tenantId, surveyId))
            .WithName("EditSurvey").WithSummary("Edits a survey: an unanswered version is corrected in place; one with responses gets a new version, and its responses keep theirs.")
            .RequirePermission(Permission.SurveysManage).Produces<SurveyView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{surveyId}/versions", async (string tenantId, string surveyId, SurveyCommands surveys) =>
                Valid(tenantId, surveyId) ? (IResult)TypedResults.Ok(await surveys.Survey(tenantId, surveyId).ListVersionsAsync()) : NotFound(tenantId, surveyId))
            .WithName("ListSurveyVersions").WithSummary("Every version of a survey, oldest first, and whether it has responses.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<ImmutableArray<SurveyVersionView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{surveyId}/versions/{version:int}", async (string tenantId, string surveyId, int version, SurveyCommands surveys) =>
                Valid(tenantId, surveyId) ? (IResult)TypedResults.Ok(await surveys.Survey(tenantId, surveyId).GetVersionAsync(version)) : NotFound(tenantId, surveyId))
            .WithName("GetSurveyVersion").WithSummary("One version of a survey.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<SurveyVersionView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{surveyId}/campaigns", async (string tenantId, string surveyId, CampaignRequest body, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId, surveyId)
                    ? (IResult)TypedResults.Created($"/api/tenants/{tenantId}/surveys/campaigns", await surveys.LaunchCampaignAsync(context.User, tenantId, surveyId, body))
                    : NotFound(tenantId, surveyId))
            .WithName("LaunchSurveyCampaign")
            .WithSummary("Sends the survey to the customers of a segment, tier and/or tag: one invitation each (survey.invited on the webhook, links in the CSV). Repeating it with the same campaignId adds nothing.")
            .RequirePermission(Permission.SurveysManage).Produces<CampaignView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{surveyId}/invitations", async (string tenantId, string surveyId, InvitationRequest body, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId, surveyId)
                    ? (IResult)TypedResults.Created($"/api/tenants/{tenantId}/surveys/{surveyId}/invitations.csv", WithLink(context, await surveys.InviteAsync(context.User, tenantId, surveyId, body)))
                    : NotFound(tenantId, surveyId))
            .WithName("InviteToSurvey").WithSummary("Invites one customer; the answer carries the one-time link (valid 14 days unless validityDays says otherwise).")
            .RequirePermission(Permission.SurveysManage).Produces<InvitationLink>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{surveyId}/invitations.csv", InvitationsCsvAsync)
            .WithName("ExportSurveyInvitations").WithSummary("The survey's invitations with their links, as CSV for the platform to deliver; optionally of one campaign.")
            .RequirePermission(Permission.SurveysManage).Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{surveyId}/responses", async (string tenantId, string surveyId, ResponsesRequest body, bool? dryRun, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId, surveyId)
                    ? (IResult)TypedResults.Ok(await surveys.RecordAsync(context.User, tenantId, surveyId, body.Responses ?? [], dryRun ?? false))
                    : NotFound(tenantId, surveyId))
            .WithName("RecordSurveyResponses")
            .WithSummary("Records up to 1,000 responses from the platform's survey tools or an import. Every bad row is reported (responses[i].field) and then nothing is written; rows already recorded are counted, not added again. dryRun=true only checks.")
            .RequirePermission(Permission.SurveysManage).Produces<ResponsesResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{surveyId}/customer-lookups", async (string tenantId, string surveyId, CustomerLookupsRequest body, SurveyCommands surveys, HttpContext context) =>
                Valid(tenantId, surveyId)
                    ? (IResult)TypedResults.Ok(await surveys.LookupCustomersAsync(context.User, tenantId, surveyId, body.Names ?? []))
                    : NotFound(tenantId, surveyId))
            .WithName("LookupSurveyCustomers")
            .WithSummary("Resolves up to 200 customers named by platformId, email or phone to their ids, in the order asked, for an import to send ids; a name matching no customer or several is answered with its field and message.")
            .RequirePermission(Permission.SurveysManage).Produces<CustomerLookupsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{surveyId}/results", ResultsAsync)
            .WithName("GetSurveyResults")
            .WithSummary("CSAT (share of 4-5), NPS, dimension means and response rate, each with n and a 95% interval (Wilson for shares, normal approximation for NPS and means); null values mean too few responses. Filter by from/to (days in the tenant's zone), source, category, channel, agent; break down by day, week, month, source, category, channel or agent.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<SurveyResultsView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{surveyId}/responses", ResponsesAsync)
            .WithName("ListSurveyResponses").WithSummary("The responses behind a figure (the results filters, a CSAT score, a reason), a page at a time; comments masked unless you may see personal data.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<SurveyResponsePage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The invitations CSV for the web UI, signed in by cookie (the API takes tokens only): the same handler and
    /// permission as the API's, so the page's download and the API's cannot differ.
    /// </summary>
    public static IEndpointRouteBuilder MapSurveyPages(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/t/{tenantId}/surveys").ExcludeFromDescription()
            .MapGet("/{surveyId}/invitations.csv", InvitationsCsvAsync).RequirePermission(Permission.SurveysManage);
        return app;
    }

    /// <summary>An issued invitation with its full link.</summary>
    public sealed record InvitationLink(InvitationView Invitation, string Link);

    public static string LinkBase(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Crm:Surveys:PublicBaseUrl"];
        return (string.IsNullOrWhiteSpace(configured) ? $"{context.Request.Scheme}://{context.Request.Host}" : configured).TrimEnd('/');
    }

    private static InvitationLink WithLink(HttpContext context, InvitationView invitation) => new(invitation, $"{LinkBase(context)}/s/{invitation.Token}");

    private static async Task<IResult> ResultsAsync(
        string tenantId, string surveyId, SurveyCommands surveys, HttpContext context,
        DateOnly? from, DateOnly? to, string? source, string? category, string? channel, string? agent, string? by)
    {
        if (!Valid(tenantId, surveyId))
        {
            return NotFound(tenantId, surveyId);
        }

        var errors = new Dictionary<string, string[]>();
        var query = Query(from, to, source, category, channel, agent, by, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await surveys.ResultsAsync(context.User, tenantId, surveyId, query));
    }

    private static async Task<IResult> ResponsesAsync(
        string tenantId, string surveyId, SurveyCommands surveys, HttpContext context,
        DateOnly? from, DateOnly? to, string? source, string? category, string? channel, string? agent, int? csat, string? reason, int? pageSize, string? continuationToken)
    {
        if (!Valid(tenantId, surveyId))
        {
            return NotFound(tenantId, surveyId);
        }

        var errors = new Dictionary<string, string[]>();
        var query = Query(from, to, source, category, channel, agent, null, errors);
        if (csat is { } c && !SurveyScales.IsRating(c))
        {
            errors["csat"] = ["1 to 5."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await surveys.ResponsesAsync(
            context.User, tenantId, surveyId, new ResponseFilter(query, csat, reason), pageSize ?? Paging.DefaultPageSize, continuationToken));
    }

    private static async Task InvitationsCsvAsync(string tenantId, string surveyId, string? campaignId, SurveyCommands surveys, HttpContext context, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!Valid(tenantId, surveyId))
        {
            throw new NotFoundException($"No survey '{surveyId}' in tenant '{tenantId}'.");
        }

        await surveys.RequireSurveyAsync(tenantId, surveyId);
        await audit.RecordAsync(context.User, tenantId, AuditAction.Export, AuditTargetType.Survey, surveyId, "invitations csv");
        var linkBase = LinkBase(context);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"invitations-{surveyId}.csv\"";
        await CsvExport.WriteAsync(context.Response.Body, InvitationColumns, RowsAsync(surveys.Results(tenantId, surveyId), campaignId, linkBase), cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> RowsAsync(ISurveyResultsGrain results, string? campaignId, string linkBase)
    {
        string? token = null;
        do
        {
            var page = await results.ListInvitationsAsync(campaignId, 1000, token);
            foreach (var i in page.Items)
            {
                yield return
                [
                    i.InvitationId, i.CustomerId, $"{linkBase}/s/{i.Token}", i.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    i.Source.ToString(), i.CampaignId, i.CaseId, i.SurveyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ];
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    private static SurveyResultsQuery Query(
        DateOnly? from, DateOnly? to, string? source, string? category, string? channel, string? agent, string? by, Dictionary<string, string[]> errors) =>
        new(from, to, Parse<SurveySource>(source, "source", errors), Blank(category), Parse<CaseChannel>(channel, "channel", errors), Blank(agent),
            Parse<ResultsBreakdown>(by, "by", errors) ?? ResultsBreakdown.None);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TEnum? Parse<TEnum>(string? value, string field, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum =>
        QueryEnums.Parse<TEnum>(value, field, errors);

    private static bool Valid(string tenantId) => Identifiers.IsTenantId(tenantId);

    private static bool Valid(string tenantId, string surveyId) => Identifiers.IsTenantId(tenantId) && Identifiers.IsEntityId(surveyId);

    private static ProblemHttpResult NotFound(string tenantId, string surveyId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No survey '{surveyId}' in tenant '{tenantId}'.");
}
