using Crm.Client.Customers;
using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>The name index's backfill for customers stored before it existed; <c>crm search backfill</c> walks it.</summary>
public static class SearchBackfillApi
{
    public static IEndpointRouteBuilder MapSearchBackfillApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenantId}/search/backfill", BackfillAsync).WithTags("Search").WithName("BackfillSearchIndex")
            .WithSummary("Indexes one page of the tenant's customers for name search again (idempotent); pass the answer's continuationToken back for the next page, until it is null.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<SearchBackfillPage>, ValidationProblem>> BackfillAsync(
        string tenantId, SearchBackfill backfill, HttpContext context, int? pageSize, string? continuationToken)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await backfill.BackfillAsync(context.User, tenantId, pageSize ?? SearchBackfill.DefaultPageSize, continuationToken));
    }
}
