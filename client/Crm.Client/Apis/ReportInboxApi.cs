using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Contracts.Reports;
using Crm.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>Finished reports, as stored when they were made: the list, and each document (HTML, PDF, a CSV per table).</summary>
public static class ReportInboxApi
{
    private const string PeriodRule = "A day (2026-12-01), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4).";

    public static IEndpointRouteBuilder MapReportInboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/reports/inbox").WithTags("Reports");
        api.MapGet("/", ListAsync).WithName("ListFinishedReports")
            .WithSummary("Every finished report of the tenant, newest first, with its documents and their sizes.")
            .RequirePermission(Permission.ReportsRead)
            .ProducesValidationProblem();
        api.MapGet("/{period}/{name}", GetDocumentAsync).WithName("GetFinishedReportDocument")
            .WithSummary("A document of a finished report as it was stored: report.html or report.pdf.")
            .RequirePermission(Permission.ReportsRead)
            .Produces(StatusCodes.Status200OK, null, "text/html", "application/pdf")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Two routes rather than one catch-all: an OpenAPI path parameter cannot hold a slash.
        api.MapGet("/{period}/tables/{table}", (string tenantId, string period, string table, IClusterClient cluster) =>
                GetDocumentAsync(tenantId, period, "tables/" + table, cluster))
            .WithName("GetFinishedReportTable")
            .WithSummary("A table of a finished report as it was stored, as CSV: tables/{table}.csv.")
            .RequirePermission(Permission.ReportsRead)
            .Produces(StatusCodes.Status200OK, null, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/tenants/{tenantId}/reports/{period}/finished", MakeNowAsync).WithTags("Reports").WithName("MakeFinishedReport").WithRequestBudget(RequestDeadline.ComputeBudget)
            .WithSummary("Makes the period's report now, for any period, and stores it in the inbox as its finished report (replacing an earlier one); announced as report.ready.")
            .RequirePermission(Permission.ReportsRead)
            .ProducesValidationProblem();

        // The same documents for the web UI, signed in by cookie (the API takes tokens only): same handler, same permission.
        app.MapGroup("/t/{tenantId}/reports/inbox").ExcludeFromDescription()
            .MapGet("/{period}/{**name}", GetDocumentAsync).RequirePermission(Permission.ReportsRead);
        return app;
    }

    public static async Task<Results<Ok<ImmutableArray<ReportRun>>, ValidationProblem>> ListAsync(string tenantId, IClusterClient cluster)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await cluster.GetGrain<IReportInboxGrain>(tenantId).ListAsync());
    }

    public static async Task<Results<Ok<ReportRun>, ValidationProblem>> MakeNowAsync(
        string tenantId, string period, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        if (!ReportPeriod.TryParse(period, out var p))
        {
            return ApiProblems.Invalid("period", PeriodRule);
        }

        var run = await cluster.GetGrain<IReportScheduleGrain>(tenantId).MakeNowAsync(p.ToString(), context.User.Username());
        await audit.RecordAsync(context.User, tenantId, Contracts.Audit.AuditAction.Create, Contracts.Audit.AuditTargetType.Report, run.Period, "finished report made on demand");
        return TypedResults.Ok(run);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetDocumentAsync(
        string tenantId, string period, string name, IClusterClient cluster)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        if (!ReportPeriod.TryParse(period, out _))
        {
            return ApiProblems.Invalid("period", PeriodRule);
        }

        if (await cluster.GetGrain<IReportInboxGrain>(tenantId).GetDocumentAsync(period, name) is not { } file)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "No such finished report document.");
        }

        var download = file.Name.EndsWith(".html", StringComparison.Ordinal) ? null : $"report-{tenantId}-{period}-{file.Name.Replace('/', '-')}";
        return TypedResults.File(file.Content, file.ContentType, download);
    }
}
