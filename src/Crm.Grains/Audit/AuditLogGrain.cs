using System.Security.Cryptography;
using Crm.Contracts.Audit;
using Crm.Domain.Audit;
using Crm.Domain.Common;
using Orleans.Concurrency;

namespace Crm.Grains.Audit;

/// <summary>
/// A tenant's audit log. Stateless: entries are never read back to write, so activations run side by side on every
/// silo. Records go through the silo's <see cref="AuditGroupCommit"/>, which writes concurrent ones together.
/// </summary>
/// <remarks>
/// Reentrant because it holds no state: a record only waits for its durable write, and letting the next request in
/// meanwhile is what gives the group commit something to group (non-reentrant, a silo ran one record per core).
/// </remarks>
[StatelessWorker]
[Reentrant]
public sealed class AuditLogGrain(IAuditLogStore store, AuditGroupCommit commits, TimeProvider time) : Grain, IAuditLogGrain
{
    public const int MaxActorLength = 200;
    public const int MaxDetailLength = 500;

    public async Task RecordAsync(AuditRecord record)
    {
        var tenantId = RequireTenant();
        if (record is null)
        {
            throw new ValidationFailedException([new FieldError("record", "A record is required.")]);
        }

        var problems = new List<FieldError>();
        if (record.TenantId != tenantId)
        {
            problems.Add(new("tenantId", $"This is the audit log of '{tenantId}'; a record for another tenant is refused."));
        }

        if (string.IsNullOrWhiteSpace(record.Actor))
        {
            problems.Add(new("actor", "An actor is required."));
        }
        else if (record.Actor.Length > MaxActorLength)
        {
            problems.Add(new("actor", $"At most {MaxActorLength} characters."));
        }

        if (!Enum.IsDefined(record.Action))
        {
            problems.Add(new("action", "Unknown audit action."));
        }

        if (!Enum.IsDefined(record.TargetType))
        {
            problems.Add(new("targetType", "Unknown target type."));
        }

        if (!Identifiers.IsEntityId(record.TargetId))
        {
            problems.Add(new("targetId", "A target id is 1-64 letters, digits, '-' or '_'."));
        }

        if (record.Detail is { Length: > MaxDetailLength })
        {
            problems.Add(new("detail", $"At most {MaxDetailLength} characters."));
        }

        ThrowIfAny(problems);
        var now = time.GetUtcNow();
        var id = AuditEntryId.New(now, BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)));
        await commits.AddAsync(new AuditEntry(tenantId, record.Actor, record.Action, record.TargetType, record.TargetId, record.Detail, now, id));
        CrmMetrics.AuditRecords.Add(1, new KeyValuePair<string, object?>("action", record.Action.ToString()));
    }

    public Task<AuditPage> ListAsync(int pageSize, string? continuationToken)
    {
        var tenantId = RequireTenant();
        var after = ValidatePaging(tenantId, pageSize, continuationToken, []);
        return store.ListAsync(tenantId, after, pageSize);
    }

    public Task<AuditPage> ListForTargetAsync(AuditTargetType type, string targetId, int pageSize, string? continuationToken)
    {
        var tenantId = RequireTenant();
        var problems = new List<FieldError>();
        if (!Enum.IsDefined(type))
        {
            problems.Add(new("targetType", "Unknown target type."));
        }

        if (!Identifiers.IsEntityId(targetId))
        {
            problems.Add(new("targetId", "A target id is 1-64 letters, digits, '-' or '_'."));
        }

        var after = ValidatePaging(tenantId, pageSize, continuationToken, problems);
        return store.ListForTargetAsync(tenantId, type, targetId, after, pageSize);
    }

    private static AuditCursor? ValidatePaging(string tenantId, int pageSize, string? continuationToken, List<FieldError> problems)
    {
        if (!Paging.IsValidPageSize(pageSize))
        {
            problems.Add(new("pageSize", $"Between 1 and {Paging.MaxPageSize}."));
        }

        AuditCursor? after = null;
        if (continuationToken is not null && !AuditCursor.TryParse(continuationToken, tenantId, out after))
        {
            problems.Add(new("continuationToken", "Not a token this audit log issued."));
        }

        ThrowIfAny(problems);
        return after;
    }

    private string RequireTenant()
    {
        var tenantId = this.GetPrimaryKeyString();
        if (tenantId != AuditTenant.Platform && !Identifiers.IsTenantId(tenantId))
        {
            throw new ValidationFailedException([new FieldError("tenantId", $"A tenant id is 1-40 lowercase letters, digits or '-', or '{AuditTenant.Platform}'.")]);
        }

        return tenantId;
    }

    private static void ThrowIfAny(List<FieldError> problems)
    {
        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }
    }
}
