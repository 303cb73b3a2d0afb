namespace Crm.Contracts.Audit;

/// <summary>
/// What a caller reports: who (<see cref="Actor"/>) did what to which target in which tenant. The log adds the
/// time and id. <see cref="Detail"/> must hold no personal data in clear (mask it with PersonalDataMask).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.audit.record")]
public sealed record AuditRecord(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Actor,
    [property: Id(2)] AuditAction Action,
    [property: Id(3)] AuditTargetType TargetType,
    [property: Id(4)] string TargetId,
    [property: Id(5)] string? Detail = null);

/// <summary>An entry as stored: the record plus the time the log took it and its id (unique within the tenant's log).</summary>
[GenerateSerializer, Immutable, Alias("crm.audit.entry")]
public sealed record AuditEntry(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Actor,
    [property: Id(2)] AuditAction Action,
    [property: Id(3)] AuditTargetType TargetType,
    [property: Id(4)] string TargetId,
    [property: Id(5)] string? Detail,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string Id);

/// <summary>A page of the log, newest first; pass <see cref="ContinuationToken"/> back for the next (older) page.</summary>
[GenerateSerializer, Immutable, Alias("crm.audit.page")]
public sealed record AuditPage(
    [property: Id(0)] ImmutableArray<AuditEntry> Entries,
    [property: Id(1)] string? ContinuationToken);
