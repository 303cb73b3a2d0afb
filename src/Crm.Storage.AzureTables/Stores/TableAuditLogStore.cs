using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Domain.Audit;
using Crm.Grains.Audit;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The audit log: one partition per tenant and UTC month ("tenant|202611"), so a tenant's log is read month by
/// month and no partition grows forever. Each entry is two rows written in one transaction of that partition:
/// the entry (RowKey = its id, inverted ticks, so newest sorts first) and a copy under
/// "T|{type}|{target}|{id}" that lets a target's history be read as a key range. Keeping both rows in one
/// partition makes the pair atomic (a per-target partition would need a second, separate write that can fail
/// alone); the price is that a target's history is read one month partition at a time.
/// Rows are only ever added (never upserted), so a stored entry cannot be overwritten.
/// </summary>
public sealed class TableAuditLogStore(TableServiceClient service, TimeProvider time) : IAuditLogStore
{
    // Entries written by a silo whose clock runs slightly ahead may already be in next month's partition.
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(1);

    // Entry ids start with a digit and sort below ':'; target rows start with 'T' and sort above it.
    private const string EntryRowsFrom = "0";
    private const string EntryRowsTo = ":";

    private readonly TableClient _table = service.GetTableClient(CrmTables.AuditLog);

    public Task AddAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AddBatchAsync([entry], cancellationToken);
    }

    public async Task AddBatchAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count is 0 or > AuditGroupCommit.MaxEntriesPerBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, $"1 to {AuditGroupCommit.MaxEntriesPerBatch} entries per batch.");
        }

        var pk = PartitionKey(entries[0].TenantId, AuditMonth.Of(entries[0].At));
        var actions = new List<TableTransactionAction>(entries.Count * 2);
        foreach (var entry in entries)
        {
            if (PartitionKey(entry.TenantId, AuditMonth.Of(entry.At)) != pk)
            {
                throw new ArgumentException("A batch holds entries of one tenant and month.", nameof(entries));
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToRow(pk, entry.Id, entry)));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToRow(pk, TargetPrefix(entry.TargetType, entry.TargetId) + entry.Id, entry)));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new ConflictException(entries.Count == 1
                ? $"Audit entry '{entries[0].Id}' of '{entries[0].TenantId}' already exists; audit entries are never overwritten."
                : $"An audit entry of this batch of '{entries[0].TenantId}' already exists; audit entries are never overwritten.");
        }
    }

    public Task<AuditPage> ListAsync(string tenantId, AuditCursor? after, int pageSize, CancellationToken cancellationToken = default) =>
        ReadAsync(tenantId, "", EntryRowsFrom, EntryRowsTo, after, pageSize, cancellationToken);

    public Task<AuditPage> ListForTargetAsync(
        string tenantId, AuditTargetType targetType, string targetId, AuditCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        var prefix = TargetPrefix(targetType, targetId);
        return ReadAsync(tenantId, prefix, prefix, prefix + "~", after, pageSize, cancellationToken);
    }

    /// <summary>
    /// Walks month partitions from the newest (or the cursor's) back to the tenant's oldest, reading the row range
    /// [<paramref name="from"/>, <paramref name="to"/>) of each, until the page is full.
    /// </summary>
    private async Task<AuditPage> ReadAsync(
        string tenantId, string idPrefix, string from, string to, AuditCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>(pageSize);
        var oldest = await OldestMonthAsync(tenantId, cancellationToken);
        if (oldest is null)
        {
            return new AuditPage([], null);
        }

        var month = after?.Month ?? AuditMonth.Of(time.GetUtcNow() + MaxClockSkew);
        var afterRow = after is null ? null : idPrefix + after.AfterId;
        for (; month >= oldest && entries.Count < pageSize; month = AuditMonth.Previous(month), afterRow = null)
        {
            var pk = PartitionKey(tenantId, month);
            var filter = afterRow is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {from} and RowKey lt {to}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {afterRow} and RowKey lt {to}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize - entries.Count, cancellationToken: cancellationToken))
            {
                entries.Add(FromRow(row));
                if (entries.Count == pageSize)
                {
                    return new AuditPage([.. entries], new AuditCursor(month, entries[^1].Id).Format(tenantId));
                }
            }
        }

        return new AuditPage([.. entries], null);
    }

    /// <summary>The tenant's oldest month with entries: the first partition of its key range, since keys sort ascending.</summary>
    private async Task<int?> OldestMonthAsync(string tenantId, CancellationToken cancellationToken)
    {
        var prefix = TableKey.Escape(tenantId) + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {prefix} and PartitionKey lt {prefix + "~"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return int.Parse(row.PartitionKey.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static string PartitionKey(string tenantId, int month) =>
        TableKey.Escape(tenantId) + "|" + month.ToString("D6", CultureInfo.InvariantCulture);

    private static string TargetPrefix(AuditTargetType type, string targetId) =>
        "T|" + ((int)type).ToString(CultureInfo.InvariantCulture) + "|" + TableKey.Escape(targetId) + "|";

    private static TableEntity ToRow(string partitionKey, string rowKey, AuditEntry entry) => new(partitionKey, rowKey)
    {
        ["Id"] = entry.Id,
        ["TenantId"] = entry.TenantId,
        ["Actor"] = entry.Actor,
        ["Action"] = (int)entry.Action,
        ["TargetType"] = (int)entry.TargetType,
        ["TargetId"] = entry.TargetId,
        ["Detail"] = entry.Detail,
        ["At"] = entry.At,
    };

    private static AuditEntry FromRow(TableEntity row) => new(
        row.GetString("TenantId") ?? "",
        row.GetString("Actor") ?? "",
        (AuditAction)(row.GetInt32("Action") ?? 0),
        (AuditTargetType)(row.GetInt32("TargetType") ?? 0),
        row.GetString("TargetId") ?? "",
        row.GetString("Detail"),
        row.GetDateTimeOffset("At") ?? default,
        row.GetString("Id") ?? "");
}
