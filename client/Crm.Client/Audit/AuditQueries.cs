using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Domain.Audit;
using Crm.Domain.Common;

namespace Crm.Client.Audit;

/// <summary>What to look for in a tenant's audit log; every part is optional. <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(
    string? Actor = null, AuditAction? Action = null, AuditTargetType? TargetType = null, string? TargetId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public bool Matches(AuditEntry entry) =>
        (string.IsNullOrWhiteSpace(Actor) || string.Equals(entry.Actor, Actor.Trim(), StringComparison.OrdinalIgnoreCase))
        && (Action is null || entry.Action == Action)
        && (TargetType is null || entry.TargetType == TargetType)
        && (string.IsNullOrWhiteSpace(TargetId) || entry.TargetId == TargetId.Trim())
        && (From is null || entry.At >= From)
        && (To is null || entry.At < To);
}

/// <summary>
/// The one way the API and the audit page read a tenant's log: the permission check, then the log newest first with
/// the filter applied. A type and id together use the log's per-target index; the other filters are applied while
/// reading, at most <see cref="MaxScanned"/> entries per call, so a rare match returns a short page with a token to
/// read on, never a request that reads the whole log. Reading stops at the first entry older than the range.
/// </summary>
public sealed class AuditQueries(IClusterClient cluster)
{
    public const int MaxScanned = 2_000;
    public const string NotAllowed = "You may not read this tenant's audit log.";

    public async Task<AuditPage> ListAsync(ClaimsPrincipal user, string tenantId, AuditFilter filter, int pageSize, string? continuationToken)
    {
        if (!user.Allows(tenantId, Permission.AuditRead))
        {
            throw new ForbiddenException(NotAllowed);
        }

        var problems = new List<FieldError>();
        if (!Paging.IsValidPageSize(pageSize))
        {
            problems.Add(new FieldError("pageSize", $"Between 1 and {Paging.MaxPageSize}."));
        }

        if (filter.From is { } from && filter.To is { } to && to <= from)
        {
            problems.Add(new FieldError("to", "The end of the range must come after its start."));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }

        var log = cluster.GetGrain<IAuditLogGrain>(tenantId);
        var byTarget = filter.TargetType is { } type && !string.IsNullOrWhiteSpace(filter.TargetId);
        var found = new List<AuditEntry>();
        var token = continuationToken;
        var scanned = 0;
        do
        {
            var page = byTarget
                ? await log.ListForTargetAsync(filter.TargetType!.Value, filter.TargetId!.Trim(), Paging.MaxPageSize, token)
                : await log.ListAsync(Paging.MaxPageSize, token);
            foreach (var entry in page.Entries)
            {
                scanned++;
                if (filter.From is { } start && entry.At < start)
                {
                    return new AuditPage([.. found], null);
                }

                if (filter.Matches(entry))
                {
                    found.Add(entry);
                    if (found.Count == pageSize)
                    {
                        // Resume right after the last entry returned, not after the page read.
                        var next = page.ContinuationToken is null && entry == page.Entries[^1] ? null : new AuditCursor(AuditMonth.Of(entry.At), entry.Id).Format(tenantId);
                        return new AuditPage([.. found], next);
                    }
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null && scanned < MaxScanned);

        return new AuditPage([.. found], token);
    }
}
