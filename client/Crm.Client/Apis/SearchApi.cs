using Crm.Client.Infrastructure;
using Crm.Client.Search;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>The one search box as an API: customers and cases at once, as the caller's role may find them.</summary>
public static class SearchApi
{
    private const int DefaultPageSize = 10;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        // Every tenant role reads customers; what each finds beyond that is the command layer's rule (SearchQueries).
        app.MapGet("/api/tenants/{tenantId}/search", SearchAsync).WithTags("Search").WithName("SearchEverything")
            .WithSummary("Customers (by name with personal-data view; by the exact phone or e-mail typed, masked without it) and cases (by order reference or subject words, for roles that read cases), grouped, best first.")
            .RequirePermission(Permission.CustomersRead)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchAsync(
        string tenantId, SearchQueries search, HttpContext context, string? q, int? pageSize)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await search.EverywhereAsync(context.User, tenantId, q, pageSize ?? DefaultPageSize));
    }
}
