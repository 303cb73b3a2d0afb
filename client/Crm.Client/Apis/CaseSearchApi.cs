using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>Case search by order reference and subject words; its own class so the case command layer stays as it is.</summary>
public static class CaseSearchApi
{
    private const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapCaseSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId}/cases/search", SearchAsync).WithTags("Cases").WithName("SearchCases")
            .WithSummary("Finds cases by order reference (whole or its start, 4 characters or more) and by the words of their subject, best first.")
            .RequirePermission(Permission.CasesRead)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<CaseSearchPage>, ValidationProblem>> SearchAsync(
        string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit, string? q, int? pageSize, string? continuationToken)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var page = await cluster.GetGrain<ICaseSearchGrain>(tenantId).SearchAsync(q ?? "", pageSize ?? DefaultPageSize, continuationToken);
        // The query may be a customer's words: never written to the audit log, only how much it found.
        await audit.RecordAsync(context.User, tenantId, AuditAction.Search, AuditTargetType.Case, AuditTrail.ListTarget, $"by order or subject: {page.Items.Length} found");
        return TypedResults.Ok(page);
    }
}
