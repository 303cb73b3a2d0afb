using Crm.Contracts.Audit;
using Crm.Domain.Audit;

namespace Crm.Grains.Audit;

/// <summary>
/// The audit log's rows. Append-only by design: there is no update or delete, and adding an entry whose id
/// exists fails (<see cref="ConflictException"/>) instead of replacing it.
/// </summary>
public interface IAuditLogStore
{
    Task AddAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds entries of one tenant and UTC month in one atomic write (all or none); at most
    /// <see cref="AuditGroupCommit.MaxEntriesPerBatch"/>. Used by <see cref="AuditGroupCommit"/>.
    /// </summary>
    Task AddBatchAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>A tenant's entries newest first, after <paramref name="after"/> (from the newest when null).</summary>
    Task<AuditPage> ListAsync(string tenantId, AuditCursor? after, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>A tenant's entries about one target, newest first.</summary>
    Task<AuditPage> ListForTargetAsync(
        string tenantId, AuditTargetType targetType, string targetId, AuditCursor? after, int pageSize, CancellationToken cancellationToken = default);
}
