namespace Crm.Contracts.Audit;

/// <summary>
/// A tenant's audit log, keyed by tenant id (or <see cref="AuditTenant.Platform"/>). Append-only: nothing in the
/// product can change or delete an entry once recorded.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends a record; a record for another tenant than this log's key is refused.</summary>
    Task RecordAsync(AuditRecord record);

    /// <summary>The log newest first, across months.</summary>
    Task<AuditPage> ListAsync(int pageSize, string? continuationToken);

    /// <summary>The entries about one target (a customer, case, report...), newest first.</summary>
    Task<AuditPage> ListForTargetAsync(AuditTargetType type, string targetId, int pageSize, string? continuationToken);
}
