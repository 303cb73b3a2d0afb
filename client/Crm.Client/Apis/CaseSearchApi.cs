using Crm.Client.Infrastructure;
using Crm.Client.Search;
using Crm.Client.Security;
using Crm.Contracts.Access;
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
        string tenantId, SearchQueries search, HttpContext context, string? q, int? pageSize, string? continuationToken)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await search.CasesAsync(context.User, tenantId, q, pageSize ?? DefaultPageSize, continuationToken));
    }
}
