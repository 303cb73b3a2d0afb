using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Common;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Cases;

/// <summary>
/// A tenant's work queue in memory: a sorted set of urgency keys and the item each one shows. Activation reads the
/// tenant's shard lanes once; from then on a page is a walk from the token to the next matches, never a storage read.
/// The index table stays the truth: case grains write it first and tell this grain second, and a repeated or late
/// notice only re-applies what the table already says.
/// </summary>
// A large queue takes seconds to load, so it stays in memory through a working day's quiet spells.
[CollectionAgeLimit(Hours = 24)]
public sealed partial class CaseQueueGrain(ICaseQueueStore store, Search.ISearchIndexStore search, ILogger<CaseQueueGrain> logger) : Grain, ICaseQueueGrain
{
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseQueueItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyOfCase = new(StringComparer.Ordinal);

    // Cases whose text this activation wrote to the search index. Rows read at activation do not count: the case grain
    // puts its row before it notifies, so the notice that activates this grain finds its own case already loaded, and
    // the stored row has no order reference to differ by; trusting it left a tenant's first case unsearchable.
    private readonly HashSet<string> _textIndexed = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tenantId = this.GetPrimaryKeyString();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var shards = await Task.WhenAll(QueueSlot.AllShardLanes.Select(async lane =>
        {
            var rows = new List<(string, CaseQueueItem)>();
            await foreach (var row in store.ReadLaneAsync(tenantId, lane, cancellationToken))
            {
                rows.Add(row);
            }

            return rows;
        }));
        foreach (var (key, item) in shards.SelectMany(s => s))
        {
            Track(key, item);
        }

        LogLoaded(tenantId, _items.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task<CaseQueuePage> ListAsync(CaseQueueQuery query)
    {
        Validate(query);
        IEnumerable<string> view = _keys;
        if (query.ContinuationToken is { } after)
        {
            view = _keys.Count == 0 || string.CompareOrdinal(after, _keys.Max) >= 0
                ? []
                : _keys.GetViewBetween(after, _keys.Max!).Where(k => string.CompareOrdinal(k, after) > 0);
        }

        var page = new List<CaseQueueItem>(query.PageSize);
        string? last = null;
        foreach (var key in view)
        {
            var item = _items[key];
            if (Matches(item, query))
            {
                page.Add(item);
                last = key;
                if (page.Count == query.PageSize)
                {
                    break;
                }
            }
        }

        return Task.FromResult(new CaseQueuePage([.. page], page.Count == query.PageSize ? last : null));
    }

    public async Task TrackAsync(string sortKey, CaseQueueItem item)
    {
        // Every case passes through here when it opens: the case-text search index is fed from this receiver, once per
        // activation and case, then only when the subject or the order reference differs from what this grain holds.
        // It is written before the row is kept, so a failure fails the notice and the case's retry brings both
        // (SetAsync is idempotent, and reads one row when nothing changed).
        if (!_textIndexed.Contains(item.CaseId)
            || !_keyOfCase.TryGetValue(item.CaseId, out var key)
            || _items[key] is var held && (held.Subject != item.Subject || held.OrderReference != item.OrderReference))
        {
            await search.SetAsync(this.GetPrimaryKeyString(), Search.SearchIndexKind.CaseText, item.CaseId, Search.CaseSearchGrams.Of(item.Subject, item.OrderReference));
            _textIndexed.Add(item.CaseId);
        }

        Track(sortKey, item);
    }

    public Task ForgetAsync(string caseId)
    {
        _textIndexed.Remove(caseId);
        if (_keyOfCase.Remove(caseId, out var key))
        {
            _keys.Remove(key);
            _items.Remove(key);
        }

        return Task.CompletedTask;
    }

    private void Track(string sortKey, CaseQueueItem item)
    {
        if (_keyOfCase.TryGetValue(item.CaseId, out var old) && old != sortKey)
        {
            _keys.Remove(old);
            _items.Remove(old);
        }

        _keyOfCase[item.CaseId] = sortKey;
        _keys.Add(sortKey);
        _items[sortKey] = item;
    }

    private static bool Matches(CaseQueueItem item, CaseQueueQuery query) =>
        (query.Kind is not { } kind || item.Kind == kind) &&
        (query.Severity is not { } severity || item.Severity == severity) &&
        (query.Category is not { } category || item.Category == category) &&
        (!query.EscalatedOnly || item.Escalated) &&
        (query.Tone is not { } tone || item.Tone?.Tone == tone) &&
        (query.CustomerId is not { } customer || item.CustomerId == customer) &&
        (query.Assignee is not { } assignee || (assignee == CaseQueueQuery.Unassigned ? item.Assignee is null : item.Assignee == assignee));

    private static void Validate(CaseQueueQuery query)
    {
        var errors = new List<FieldError>();
        if (!Paging.IsValidPageSize(query.PageSize))
        {
            errors.Add(new("pageSize", $"Between 1 and {Paging.MaxPageSize}."));
        }

        if (query.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add(new("kind", "One of inquiry, complaint, afterSales."));
        }

        if (query.Severity is { } severity && !Enum.IsDefined(severity))
        {
            errors.Add(new("severity", "One of normal, major."));
        }

        if (query.Category is not null && !CaseCategories.IsCategory(query.Category))
        {
            errors.Add(new("category", "A category id such as \"logistics-delivery\"."));
        }

        if (query.Assignee is not null && query.Assignee != CaseQueueQuery.Unassigned && !Contracts.Access.Usernames.IsValid(query.Assignee))
        {
            errors.Add(new("assignee", "A username, or \"-\" for unassigned cases."));
        }

        if (query.Tone is { } tone && !Enum.IsDefined(tone))
        {
            errors.Add(new("tone", "One of Dissatisfied, Neutral, Satisfied."));
        }

        if (query.CustomerId is not null && !Identifiers.IsEntityId(query.CustomerId))
        {
            errors.Add(new("customerId", "Not a customer id."));
        }

        if (query.ContinuationToken is not null && !CaseUrgency.IsSortKey(query.ContinuationToken))
        {
            errors.Add(new("continuationToken", "Not a token this queue issued."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work queue of tenant {TenantId} loaded: {Count} open cases in {Milliseconds:F0} ms.")]
    private partial void LogLoaded(string tenantId, int count, double milliseconds);
}
