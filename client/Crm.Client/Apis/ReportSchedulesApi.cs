using Crm.Client.Infrastructure;
using Crm.Client.Reports;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Contracts.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>A tenant's report schedule: weekly, monthly and quarterly reports made by the silos at a local time.</summary>
public static class ReportSchedulesApi
{
    public static IEndpointRouteBuilder MapReportSchedulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/reports/schedule").WithTags("Reports");
        api.MapGet("/", GetAsync).WithName("GetReportSchedule")
            .WithSummary("The schedule, the tenant's time zone it runs in, and the next report due of each chosen kind.")
            .RequirePermission(Permission.ReportsRead)
            .ProducesValidationProblem();
        api.MapPut("/", SetAsync).WithName("SetReportSchedule")
            .WithSummary("Sets which periods get a scheduled report (weekly, monthly, quarterly; none turns it off) and the local time "
                + "(HH:mm, the tenant's zone) on the day after each ends. Each period's report is made once; periods missed while the service was down are made when it is back.")
            .RequirePermission(Permission.ReportsManage)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<ReportScheduleView>, ValidationProblem>> GetAsync(string tenantId, ReportSchedules schedules)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await schedules.GetAsync(tenantId));
    }

    public static async Task<Results<Ok<ReportScheduleView>, ValidationProblem>> SetAsync(
        string tenantId, ReportScheduleRequest request, ReportSchedules schedules, HttpContext context)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await schedules.SetAsync(context.User, tenantId, request));
    }
}
