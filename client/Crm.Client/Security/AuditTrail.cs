using System.Security.Claims;
using Crm.Contracts.Audit;

namespace Crm.Client.Security;

/// <summary>
/// Records who read or changed what, from the one place that knows the signed-in user. A record that cannot be written
/// fails the request: a read that leaves no trace is not allowed to happen.
/// </summary>
public sealed class AuditTrail(IClusterClient cluster)
{
    public const string ListTarget = "list";

    public Task RecordAsync(ClaimsPrincipal user, string tenantId, AuditAction action, AuditTargetType type, string targetId, string? detail = null) =>
        RecordAsync(user.Username(), tenantId, action, type, targetId, detail);

    public Task RecordAsync(string actor, string tenantId, AuditAction action, AuditTargetType type, string targetId, string? detail = null) =>
        cluster.GetGrain<IAuditLogGrain>(tenantId).RecordAsync(new AuditRecord(tenantId, actor, action, type, targetId, detail));
}
