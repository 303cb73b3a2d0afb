using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Reports;
using Crm.Domain.Reports;
using Crm.Grains.Reports;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// Day aggregates: one partition per tenant and local day, holding the aggregate row and one row per fact counted.
/// Counting a fact is one entity group transaction: insert the fact's row (fails if it exists) and replace the
/// aggregate under its ETag. So a fact is counted exactly once, and a crash between the two cannot happen.
/// Aggregates hold counts only, no personal data: they are stored plain.
/// </summary>
public sealed class TableReportDayStore(TableServiceClient service) : IReportDayStore
{
    private const string AggregateRow = "aggregate";
    private const string FactPrefix = "f|";
    private const string BreachPrefix = "b|";
    private const string BreachEnd = "b}";
    private const string PayloadColumn = "Aggregate";

    private readonly TableClient _table = service.GetTableClient(CrmTables.ReportDays);

    public async Task<(ReportAggregate Aggregate, string? ETag)> ReadAsync(string tenantId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(tenantId, day), AggregateRow, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return (ReportAggregate.Empty, null);
        }

        var payload = row.Value.GetBinary(PayloadColumn);
        var aggregate = JsonSerializer.Deserialize<ReportAggregate>(payload, ReportSerialization.Json) ?? ReportAggregate.Empty;
        return (aggregate, row.Value.ETag.ToString());
    }

    public async Task<string?> TryAddAsync(
        string tenantId, DateOnly day, string factKey, ReportAggregate next, string? etag, SlaBreach? breach = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(factKey);
        ArgumentNullException.ThrowIfNull(next);
        var pk = PartitionKey(tenantId, day);
        var aggregate = new TableEntity(pk, AggregateRow)
        {
            [PayloadColumn] = JsonSerializer.SerializeToUtf8Bytes(next, ReportSerialization.Json),
        };
        if (etag is not null)
        {
            aggregate.ETag = new ETag(etag);
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(pk, FactPrefix + TableKey.Escape(factKey))),
            etag is null
                ? new(TableTransactionActionType.Add, aggregate)
                : new(TableTransactionActionType.UpdateReplace, aggregate, aggregate.ETag),
        };
        if (breach is not null)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, BreachRow(breach))
            {
                ["CaseId"] = breach.CaseId,
                ["Sequence"] = breach.Sequence,
                ["Target"] = (int)breach.Target,
                ["At"] = breach.At,
                ["Severity"] = (int)breach.Severity,
                ["Category"] = breach.Category,
            }));
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return response.Value[1].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table returned no ETag for the aggregate.");
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status == 409)
        {
            return null;
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 1 && ex.Status is 409 or 412 or 404)
        {
            throw new InconsistentStateException(
                $"The aggregate of {tenantId} {day:yyyy-MM-dd} changed since it was read (ETag {etag ?? "none"}).", ex);
        }
    }

    public async Task<IReadOnlyList<SlaBreach>> ReadBreachesAsync(string tenantId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var pk = PartitionKey(tenantId, day);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {BreachPrefix} and RowKey lt {BreachEnd}");
        var result = new List<SlaBreach>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            result.Add(new SlaBreach(
                row.GetString("CaseId") ?? "",
                row.GetInt64("Sequence") ?? 0,
                (ContractTarget)(row.GetInt32("Target") ?? 0),
                row.GetDateTimeOffset("At") ?? default,
                (Domain.Cases.CaseSeverity)(row.GetInt32("Severity") ?? 0),
                row.GetString("Category") ?? ""));
        }

        return result;
    }

    private static string BreachRow(SlaBreach breach) =>
        BreachPrefix + TableKey.Escape(breach.CaseId) + "|" + breach.Sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static string PartitionKey(string tenantId, DateOnly day) =>
        TenantPartition.Key(tenantId, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
