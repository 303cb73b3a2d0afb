using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Domain.Cases;
using Crm.Domain.Common;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The work-queue index: one partition per tenant and lane ("tenant|all", "tenant|a:alice"), RowKey the slot's
/// urgency sort key, so a lane's first page is one range read of PageSize rows however many cases are open.
/// Each row carries everything the queue shows; kind, severity and category are filtered by the service so only
/// matching rows travel. The subject is free text that often holds personal data, so it is encrypted.
/// </summary>
public sealed class TableCaseQueueStore(TableServiceClient service, PersonalDataProtector protector) : ICaseQueueStore
{
    // Azure's limit for one entity group transaction.
    private const int MaxBatch = 100;

    private readonly TableClient _table = service.GetTableClient(CrmTables.CaseQueue);

    public async Task PutAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CaseQueueItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(item);
        // Each slot is in its own partition, so no transaction can span them; the writes are independent and idempotent.
        var rows = slots.Select(slot => ToRow(PartitionKey(tenantId, slot.Lane), RowKey(slot.SortKey), item)).ToList();
        await Task.WhenAll(rows.Select(row => _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)));
    }

    /// <summary>
    /// Writes many items into one lane in entity group transactions of 100: for rebuilding a lane and for seeding
    /// benchmarks, where one request per row would take minutes.
    /// </summary>
    public async Task PutLaneAsync(string tenantId, string lane, IReadOnlyList<(string SortKey, CaseQueueItem Item)> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pk = PartitionKey(tenantId, lane);
        var actions = rows
            .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToRow(pk, RowKey(r.SortKey), r.Item)))
            .ToList();
        for (var i = 0; i < actions.Count; i += MaxBatch)
        {
            await _table.SubmitTransactionAsync(actions.GetRange(i, Math.Min(MaxBatch, actions.Count - i)), cancellationToken);
        }
    }

    public async Task RemoveAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slots);
        // DeleteEntityAsync already treats 404 as done (the Remove test proves it against Azurite), so a retried
        // removal, or a slot never written, needs no catch here.
        await Task.WhenAll(slots.Select(slot =>
            _table.DeleteEntityAsync(PartitionKey(tenantId, slot.Lane), RowKey(slot.SortKey), ETag.All, cancellationToken)));
    }

    public async Task<CaseQueuePage> ReadAsync(string tenantId, string lane, CaseQueueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Validate(query);
        var filter = Filter(PartitionKey(tenantId, lane), query);
        var items = new List<CaseQueueItem>(query.PageSize);
        string? lastRowKey = null;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize, cancellationToken: cancellationToken))
        {
            items.Add(FromRow(row));
            lastRowKey = row.RowKey;
            if (items.Count == query.PageSize)
            {
                break;
            }
        }

        return new CaseQueuePage([.. items], items.Count == query.PageSize ? lastRowKey : null);
    }

    private static void Validate(CaseQueueQuery query)
    {
        var problems = new List<FieldError>();
        if (!Paging.IsValidPageSize(query.PageSize))
        {
            problems.Add(new FieldError("pageSize", $"The page size is 1 to {Paging.MaxPageSize}."));
        }

        if (query.ContinuationToken is not null && !IsRowKey(query.ContinuationToken))
        {
            problems.Add(new FieldError("continuationToken", "The continuation token is not one this queue gave out."));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }
    }

    /// <summary>A token is a RowKey this store wrote: non-empty, and exactly what escaping its own decoding gives.</summary>
    private static bool IsRowKey(string token)
    {
        if (token.Length is 0 or > TableKey.MaxLength)
        {
            return false;
        }

        try
        {
            return TableKey.Escape(TableKey.Unescape(token)) == token;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static string Filter(string partitionKey, CaseQueueQuery query)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") };
        if (query.ContinuationToken is { } after)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (query.Kind is { } kind)
        {
            parts.Add(TableClient.CreateQueryFilter($"Kind eq {(int)kind}"));
        }

        if (query.Severity is { } severity)
        {
            parts.Add(TableClient.CreateQueryFilter($"Severity eq {(int)severity}"));
        }

        if (query.Category is { } category)
        {
            parts.Add(TableClient.CreateQueryFilter($"Category eq {category}"));
        }

        return string.Join(" and ", parts);
    }

    private TableEntity ToRow(string partitionKey, string rowKey, CaseQueueItem item) => new(partitionKey, rowKey)
    {
        ["CaseId"] = item.CaseId,
        ["CustomerId"] = item.CustomerId,
        ["Kind"] = (int)item.Kind,
        ["Severity"] = (int)item.Severity,
        ["Category"] = item.Category,
        ["Status"] = (int)item.Status,
        ["Assignee"] = item.Assignee,
        ["Escalated"] = item.Escalated,
        ["Subject"] = protector.ProtectString(item.Subject),
        ["OpenedAt"] = item.OpenedAt,
        ["DueAt"] = item.DueAt,
        ["DueTarget"] = (int)item.DueTarget,
        ["SlaStatus"] = (int)item.SlaStatus,
        ["Paused"] = item.Paused,
        ["LeftTicks"] = item.Left.Ticks,
        ["Channel"] = (int)item.Channel,
    };

    private CaseQueueItem FromRow(TableEntity row) => new(
        row.GetString("CaseId") ?? "",
        row.GetString("CustomerId") ?? "",
        (CaseKind)(row.GetInt32("Kind") ?? 0),
        (CaseSeverity)(row.GetInt32("Severity") ?? 0),
        row.GetString("Category") ?? "",
        (CaseStatus)(row.GetInt32("Status") ?? 0),
        row.GetString("Assignee"),
        row.GetBoolean("Escalated") ?? false,
        protector.UnprotectString(row.GetString("Subject")) ?? "",
        row.GetDateTimeOffset("OpenedAt") ?? default,
        row.GetDateTimeOffset("DueAt") ?? default,
        (SlaTarget)(row.GetInt32("DueTarget") ?? 0),
        (SlaStatus)(row.GetInt32("SlaStatus") ?? 0),
        row.GetBoolean("Paused") ?? false,
        TimeSpan.FromTicks(row.GetInt64("LeftTicks") ?? 0),
        (CaseChannel)(row.GetInt32("Channel") ?? 0));

    // The lane is escaped whole: an assignee lane holds a username, which may hold characters keys forbid.
    private static string PartitionKey(string tenantId, string lane)
    {
        ArgumentException.ThrowIfNullOrEmpty(lane);
        return TenantPartition.Key(tenantId, TableKey.Escape(lane));
    }

    // Escaping keeps a sort key's fixed-width urgency prefix as is, so escaped keys sort as the queue must.
    private static string RowKey(string sortKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(sortKey);
        return TableKey.Escape(sortKey);
    }
}
