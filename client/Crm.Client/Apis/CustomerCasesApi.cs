using Crm.Client.Customers;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>A customer's cases, for the customer page and for tools; its own class beside the customers API.</summary>
public static class CustomerCasesApi
{
    public static IEndpointRouteBuilder MapCustomerCasesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId}/customers/{customerId}/cases", ListAsync).WithTags("Customers").WithName("ListCustomerCases")
            .WithSummary("The customer's cases: the open ones first (nearest deadline first), then the finished ones, most recently changed first.")
            .RequirePermission(Permission.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<ImmutableArray<CaseView>>, ProblemHttpResult>> ListAsync(
        string tenantId, string customerId, CustomerCases cases, HttpContext context) =>
        await cases.ListAsync(context.User, tenantId, customerId) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found.",
                detail: $"No customer '{customerId}' in tenant '{tenantId}'.");
}
