using Crm.Client.Audit;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>The tenant's audit log, read-only: the product offers no way to change or delete an entry.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId}/audit", ListAsync).WithTags("Audit").WithName("ListAudit")
            .WithSummary("Who read or changed what in this tenant, newest first; filter by actor, action, targetType and targetId, and a time range [from, to). A page may hold fewer entries than asked while a continuation token remains.")
            .RequirePermission(Permission.AuditRead)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<AuditPage>> ListAsync(
        string tenantId, AuditQueries audit, HttpContext context, int? pageSize, string? continuationToken, AuditTargetType? targetType, string? targetId,
        string? actor, AuditAction? action, DateTimeOffset? from, DateTimeOffset? to) =>
        TypedResults.Ok(await audit.ListAsync(context.User, tenantId, new AuditFilter(actor, action, targetType, targetId, from, to), pageSize ?? 50, continuationToken));
}
