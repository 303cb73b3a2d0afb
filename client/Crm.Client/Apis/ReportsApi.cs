using System.Text;
using Crm.Client.Infrastructure;
using Crm.Client.Security;
using System.Globalization;
using Crm.Client.Reports;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Reports;
using Crm.Domain.Localization;
using Crm.Domain.Reports;
using Crm.Reporting.Csv;
using Crm.Reporting.Html;
using Crm.Reporting.Pdf;
using Crm.Reporting.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Crm.Client.Apis;

/// <summary>
/// Contract service reports: any period's aggregate, the report generated on demand as HTML, PDF or a table as CSV,
/// and reconciliation of the aggregates with the case histories.
/// </summary>
public static class ReportsApi
{
    private const string PeriodRule = "A day (2026-12-01), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4).";
    private const string LanguageRule = Languages.Rule;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/reports").WithTags("Reports");
        api.MapGet("/{period}/aggregate", GetAggregateAsync).WithName("GetReportAggregate")
            .WithSummary("The period's aggregate, rolled up from its days in the tenant's time zone.")
            .RequirePermission(Permission.ReportsRead)
            .ProducesValidationProblem();
        api.MapGet("/{period}/report.html", GetHtmlAsync).WithName("GetReportHtml").WithRequestBudget(RequestDeadline.ComputeBudget)
            .WithSummary("The period's report as an HTML page with charts, generated now from the aggregates (language: zh-CN or en; the tenant's default when absent).")
            .RequirePermission(Permission.ReportsRead)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesValidationProblem();
        api.MapGet("/{period}/report.pdf", GetPdfAsync).WithName("GetReportPdf").WithRequestBudget(RequestDeadline.ComputeBudget)
            .WithSummary("The same report as a PDF, fonts embedded.")
            .RequirePermission(Permission.ReportsRead)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
        api.MapGet("/{period}/tables/{tableId}.csv", GetCsvAsync).WithName("GetReportTableCsv").WithRequestBudget(RequestDeadline.ComputeBudget)
            .WithSummary("One table of the report as CSV (kpis, volumes, trend, backlog, by-kind, by-severity, by-channel, top-categories, status-changes, satisfaction, breaches).")
            .RequirePermission(Permission.ReportsRead)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{period}/reconcile", ReconcileAsync).WithName("ReconcileReport").WithRequestBudget(RequestDeadline.ComputeBudget)
            .WithSummary("Recomputes the period from every case's history and lists where the aggregates differ (a full scan: slow on big tenants).")
            .RequirePermission(Permission.ReportsManage)
            .ProducesValidationProblem();
        api.MapGet("/availability/{period}", GetAvailabilityAsync).WithName("GetReportAvailability")
            .WithSummary("The period's service availability: minutes with a silo heartbeat over the minutes measured, the front end's 5xx share, "
                + "the platform's posted figure, and the one the report uses (posted wins, else measured) against the 99.9% target. The ETag is the posted figure's version (\"0\": none).")
            .RequirePermission(Permission.ReportsRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/availability/{period}", PostAvailabilityAsync).WithName("SetReportAvailability")
            .WithSummary("Posts the platform's own availability figure for the period (percent, 0-100), which the report then uses; "
                + "needs If-Match: the ETag you read (\"0\" before the first post; 412 if it has changed since), or * for any version.")
            .RequirePermission(Permission.ReportsManage)
            .RequireIfMatch()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PeriodAvailability>, ValidationProblem, ProblemHttpResult>> GetAvailabilityAsync(
        string tenantId, string period, IClusterClient cluster, HttpContext context)
    {
        if (Check(tenantId, period, null, out _) is { } problem)
        {
            return problem;
        }

        if (await cluster.GetGrain<ITenantGrain>(tenantId).GetAsync() is null)
        {
            return NoTenant(tenantId);
        }

        var availability = await cluster.GetGrain<ITenantReportsGrain>(tenantId).GetAvailabilityAsync(period);
        SetETag(context, availability.Version);
        return TypedResults.Ok(availability);
    }

    public static async Task<Results<Ok<PeriodAvailability>, ValidationProblem, ProblemHttpResult>> PostAvailabilityAsync(
        string tenantId, string period, ServiceAvailabilityRequest request, IClusterClient cluster, HttpContext context, AuditTrail audit,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch)
    {
        if (Check(tenantId, period, null, out var p) is { } problem)
        {
            return problem;
        }

        if (!AvailabilityRules.IsPercent(request.Percent))
        {
            return ApiProblems.Invalid("percent", AvailabilityRules.PercentRule);
        }

        if (await cluster.GetGrain<ITenantGrain>(tenantId).GetAsync() is null)
        {
            return NoTenant(tenantId);
        }

        var posted = await cluster.GetGrain<ITenantAvailabilityGrain>(tenantId)
            .PostAsync(p.ToString(), request.Percent, request.Note, Preconditions.ExpectedVersion(ifMatch), Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Report, p.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"availability {posted.Percent}% posted (version {posted.Version})"));
        var availability = await cluster.GetGrain<ITenantReportsGrain>(tenantId).GetAvailabilityAsync(p.ToString());
        SetETag(context, availability.Version);
        return TypedResults.Ok(availability);
    }

    private static ProblemHttpResult NoTenant(string tenantId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No tenant '{tenantId}'.");

    private static void SetETag(HttpContext context, long version) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The same report files for the web UI, signed in by cookie (the API takes tokens only): same handlers, same
    /// permission, so the page and the API cannot differ.
    /// </summary>
    public static IEndpointRouteBuilder MapReportPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/t/{tenantId}/reports").ExcludeFromDescription();
        pages.MapGet("/{period}/report.html", GetHtmlAsync).RequirePermission(Permission.ReportsRead);
        pages.MapGet("/{period}/report.pdf", GetPdfAsync).RequirePermission(Permission.ReportsRead);
        pages.MapGet("/{period}/tables/{tableId}.csv", GetCsvAsync).RequirePermission(Permission.ReportsRead);
        return app;
    }

    public static async Task<Results<Ok<PeriodAggregate>, ValidationProblem>> GetAggregateAsync(string tenantId, string period, IClusterClient cluster)
    {
        if (Check(tenantId, period, "zh-CN", out _) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await cluster.GetGrain<ITenantReportsGrain>(tenantId).GetPeriodAsync(period));
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> GetHtmlAsync(
        string tenantId, string period, string? language, ReportGenerator reports, CancellationToken cancellationToken)
    {
        if (Check(tenantId, period, language, out var p) is { } problem)
        {
            return problem;
        }

        var report = await reports.GenerateAsync(tenantId, p, language, cancellationToken);
        var html = HtmlReportRenderer.Render(report, table => $"tables/{Uri.EscapeDataString(table)}.csv?language={Uri.EscapeDataString(report.Language)}");
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> GetPdfAsync(
        string tenantId, string period, string? language, ReportGenerator reports, CancellationToken cancellationToken)
    {
        if (Check(tenantId, period, language, out var p) is { } problem)
        {
            return problem;
        }

        var report = await reports.GenerateAsync(tenantId, p, language, cancellationToken);
        return TypedResults.File(PdfReportRenderer.Render(report), "application/pdf", $"report-{tenantId}-{p}.pdf");
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetCsvAsync(
        string tenantId, string period, string tableId, string? language, ReportGenerator reports, CancellationToken cancellationToken)
    {
        if (Check(tenantId, period, language, out var p) is { } problem)
        {
            return problem;
        }

        var report = await reports.GenerateAsync(tenantId, p, language, cancellationToken);
        if (report.Table(tableId) is not { } table)
        {
            // Problem details like every other 404 (a bare JSON string broke the document's promise).
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No table '{tableId}' in the report.");
        }

        return TypedResults.File(await ReportCsv.ToBytesAsync(table, cancellationToken), "text/csv; charset=utf-8", $"report-{tenantId}-{p}-{table.Id}.csv");
    }

    public static async Task<Results<Ok<Reconciliation>, ValidationProblem>> ReconcileAsync(string tenantId, string period, IClusterClient cluster)
    {
        if (Check(tenantId, period, "zh-CN", out _) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await cluster.GetGrain<ITenantReportsGrain>(tenantId).ReconcileAsync(period));
    }

    private static ValidationProblem? Check(string tenantId, string period, string? language, out ReportPeriod parsed)
    {
        parsed = default;
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        if (!ReportPeriod.TryParse(period, out parsed))
        {
            return ApiProblems.Invalid("period", PeriodRule);
        }

        return language is not null && !Languages.All.Contains(language) ? ApiProblems.Invalid("language", LanguageRule) : null;
    }
}
