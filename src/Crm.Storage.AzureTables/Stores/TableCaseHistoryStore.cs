using System.Globalization;
using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Grains.Reports;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// A case's history: one partition per case, so the history is one range read and never touches other cases.
/// RowKeys are the sequence in fixed width, so ascending key order is oldest first. The text of replies and notes
/// is free text that often holds personal data, so it is encrypted; type, time, actor and statuses stay plain for
/// reports.
/// </summary>
public sealed class TableCaseHistoryStore(TableServiceClient service, PersonalDataProtector protector) : ICaseHistoryStore, ICaseHistoryScan
{
    private readonly TableClient _table = service.GetTableClient(CrmTables.CaseHistory);

    public async Task PutAsync(string tenantId, string caseId, CaseEvent caseEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        ArgumentOutOfRangeException.ThrowIfNegative(caseEvent.Sequence);
        await _table.UpsertEntityAsync(ToRow(PartitionKey(tenantId, caseId), caseEvent), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Writes a case's rows in entity group transactions of 100: for seeding benchmarks, where one request per row would take hours.</summary>
    public Task PutAllAsync(string tenantId, string caseId, IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pk = PartitionKey(tenantId, caseId);
        return PartitionBatches.UpsertAsync(_table, events.Select(e => ToRow(pk, e)).ToAsyncEnumerable(), cancellationToken);
    }

    public async Task RedactAllAsync(string tenantId, string caseId, CancellationToken cancellationToken = default)
    {
        // A re-triage's text names only a severity and categories, and reports replay the dimensions from it.
        var pk = PartitionKey(tenantId, caseId);
        var rows = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), cancellationToken: cancellationToken)
            .Select(row => FromRow(row))
            .Select(e => ToRow(pk, e.Type == CaseEventType.DetailsChanged ? e : e with { Text = null }));
        await PartitionBatches.UpsertAsync(_table, rows, cancellationToken);
    }

    public async Task<IReadOnlyList<CaseEvent>> ReadAsync(string tenantId, string caseId, long fromSequence, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var pk = PartitionKey(tenantId, caseId);
        var from = RowKey(Math.Max(0, fromSequence));
        var result = new List<CaseEvent>(count);
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {from}"),
                           maxPerPage: count,
                           cancellationToken: cancellationToken))
        {
            result.Add(FromRow(row));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    public async IAsyncEnumerable<(string CaseId, IReadOnlyList<CaseEvent> Events)> ScanTenantAsync(
        string tenantId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every partition of the tenant, in key order, so each case's rows come together and oldest first.
        var prefix = TenantPartition.Key(tenantId, "");
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}");
        string? current = null;
        var events = new List<CaseEvent>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.PartitionKey != current)
            {
                if (current is not null)
                {
                    yield return (CaseIdOf(current, prefix), events);
                }

                current = row.PartitionKey;
                events = [];
            }

            events.Add(FromRow(row));
        }

        if (current is not null)
        {
            yield return (CaseIdOf(current, prefix), events);
        }
    }

    private static string CaseIdOf(string partitionKey, string prefix) => TableKey.Unescape(partitionKey[prefix.Length..]);

    private TableEntity ToRow(string partitionKey, CaseEvent e) => new(partitionKey, RowKey(e.Sequence))
    {
        ["Sequence"] = e.Sequence,
        ["At"] = e.At,
        ["Type"] = (int)e.Type,
        ["Actor"] = e.Actor,
        ["Text"] = protector.ProtectString(e.Text),
        ["From"] = (int?)e.From,
        ["To"] = (int?)e.To,
        ["Assignee"] = e.Assignee,
        ["RelatedCaseId"] = e.RelatedCaseId,
        ["Target"] = (int?)e.Target,
    };

    private CaseEvent FromRow(TableEntity row) => new(
        row.GetInt64("Sequence") ?? 0,
        row.GetDateTimeOffset("At") ?? default,
        (CaseEventType)(row.GetInt32("Type") ?? 0),
        row.GetString("Actor") ?? "",
        protector.UnprotectString(row.GetString("Text")),
        (CaseStatus?)row.GetInt32("From"),
        (CaseStatus?)row.GetInt32("To"),
        row.GetString("Assignee"),
        row.GetString("RelatedCaseId"),
        (SlaTarget?)row.GetInt32("Target"));

    private static string PartitionKey(string tenantId, string caseId) =>
        TenantPartition.Key(tenantId, TableKey.Escape(caseId));

    private static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);
}
