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
            .WithSummary("Who read or changed what in this tenant, newest first; filter by targetType and targetId.")
            .RequirePermission(Permission.AuditRead)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<AuditPage>> ListAsync(
        string tenantId, IClusterClient cluster, int? pageSize, string? continuationToken, AuditTargetType? targetType, string? targetId)
    {
        var log = cluster.GetGrain<IAuditLogGrain>(tenantId);
        return TypedResults.Ok(targetType is { } type && targetId is not null
            ? await log.ListForTargetAsync(type, targetId, pageSize ?? 50, continuationToken)
            : await log.ListAsync(pageSize ?? 50, continuationToken));
    }
}
