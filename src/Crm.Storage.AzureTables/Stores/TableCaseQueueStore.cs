using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Contracts.Scoring;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The work-queue index: one partition per tenant and lane (the product uses 16 shard lanes per tenant), RowKey the
/// urgency sort key. Each row carries everything the queue shows, so the queue grain loads a tenant's queue from
/// these rows alone. The subject is free text that often holds personal data, so it is encrypted.
/// </summary>
public sealed class TableCaseQueueStore(TableServiceClient service, PersonalDataProtector protector) : ICaseQueueStore
{
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
        await PartitionBatches.UpsertAsync(_table, rows.Select(r => ToRow(pk, RowKey(r.SortKey), r.Item)).ToAsyncEnumerable(), cancellationToken);
    }

    public async Task RemoveAsync(string tenantId, IReadOnlyCollection<QueueSlot> slots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slots);
        // DeleteEntityAsync already treats 404 as done (the Remove test proves it against Azurite), so a retried
        // removal, or a slot never written, needs no catch here.
        await Task.WhenAll(slots.Select(slot =>
            _table.DeleteEntityAsync(PartitionKey(tenantId, slot.Lane), RowKey(slot.SortKey), ETag.All, cancellationToken)));
    }

    public async IAsyncEnumerable<(string SortKey, CaseQueueItem Item)> ReadLaneAsync(
        string tenantId, string lane, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(tenantId, lane)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return (TableKey.Unescape(row.RowKey), FromRow(row));
        }
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
        // A score, not the customer's words: stored in the clear so the queue loads without decrypting more.
        ["ToneScore"] = item.Tone?.Score,
        ["Tone"] = item.Tone is { } t ? (int)t.Tone : null,
        ["ToneModel"] = item.Tone?.ModelVersion,
        ["ToneFromModel"] = item.Tone?.FromModel,
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
        (CaseChannel)(row.GetInt32("Channel") ?? 0),
        ToneOf(row));

    // Rows written before tone was scored have none.
    private static CommentScore? ToneOf(TableEntity row) =>
        row.GetInt32("ToneScore") is { } score && row.GetInt32("Tone") is { } tone
            ? new CommentScore(score, (CommentTone)tone, row.GetString("ToneModel") ?? "", row.GetBoolean("ToneFromModel") ?? false)
            : null;

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
