using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Log = Crm.Storage.AzureTables.Reminders.AzureTableReminderLog;

namespace Crm.Storage.AzureTables.Reminders;

/// <summary>
/// Orleans reminder table on Azure Tables: one row per (service, grain, reminder name), keyed by
/// <see cref="ReminderKeys"/>, laid out by <see cref="ReminderRow"/>. Upserts are unconditional, as the reminder
/// service expects (registering a reminder again replaces it); removals are conditional on the ETag and report a
/// stale ETag or a missing row as false.
/// </summary>
public sealed class AzureTableReminderTable : IReminderTable
{
    private const uint MaxHash = uint.MaxValue;

    private readonly AzureTableReminderOptions _options;
    private readonly string _serviceId;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private TableClient? _table;

    public AzureTableReminderTable(
        IOptions<AzureTableReminderOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IServiceProvider services,
        ILogger<AzureTableReminderTable> logger)
    {
        _options = options.Value;
        _serviceId = clusterOptions.Value.ServiceId;
        _services = services;
        _logger = logger;
    }

    private TableClient Table => _table
        ?? throw new InvalidOperationException($"Reminder table '{_options.TableName}' was used before the silo started it.");

    public Task Init() => StartAsync(CancellationToken.None);

    /// <summary>Creates the table; the reminder service calls this as the silo starts and fails start-up if it throws.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var service = CreateServiceClient();
            await service.CreateTableIfNotExistsAsync(_options.TableName, cancellationToken);
            _table = service.GetTableClient(_options.TableName);
            Log.TableReady(_logger, _options.TableName, _serviceId);
        }
        catch (Exception ex)
        {
            Log.TableFailed(_logger, ex, _options.TableName);
            throw;
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var partitionKey = ReminderKeys.PartitionKey(_serviceId, grainId);
        var (lower, upper) = ReminderKeys.GrainRowKeyRange(grainId);
        try
        {
            var rows = await QueryAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {lower} and RowKey lt {upper}"),
                cancellationToken);
            Log.ReadGrain(_logger, rows.Count, grainId.ToString());
            return new ReminderTableData(rows);
        }
        catch (Exception ex) when (LogFailure(ex, "ReadRows(grain)"))
        {
            throw;
        }
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>The reminders whose grain hash lies in (begin, end]; when begin >= end the range wraps around past uint.MaxValue.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        try
        {
            List<ReminderEntry> rows;
            if (begin < end)
            {
                rows = await QueryAsync(HashRange(begin, exclusiveLower: true, end), cancellationToken);
            }
            else
            {
                // (begin, max] and [0, end]: together every hash when begin == end, as the interface asks.
                var high = QueryAsync(HashRange(begin, exclusiveLower: true, MaxHash), cancellationToken);
                var low = QueryAsync(HashRange(0, exclusiveLower: false, end), cancellationToken);
                rows = [.. await high, .. await low];
            }

            Log.ReadRange(_logger, rows.Count, begin, end);
            return new ReminderTableData(rows);
        }
        catch (Exception ex) when (LogFailure(ex, "ReadRows(range)"))
        {
            throw;
        }
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>The reminder, or null when there is none (the reminder service's convention).</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rowKey = ReminderKeys.RowKey(grainId, reminderName);
        try
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(
                ReminderKeys.PartitionKey(_serviceId, grainId), rowKey, cancellationToken: cancellationToken);
            return response is { HasValue: true, Value: { } row } ? Read(row) : null;
        }
        catch (Exception ex) when (LogFailure(ex, "ReadRow"))
        {
            throw;
        }
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the reminder whatever ETag it carries, and returns the row's new ETag (never null).</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var row = ReminderRow.Create(_serviceId, entry);
        try
        {
            var response = await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            var eTag = response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException($"Reminder table '{_options.TableName}' returned no ETag for an upsert.");
            Log.Upserted(_logger, entry.ReminderName, entry.GrainId.ToString(), eTag);
            return eTag;
        }
        catch (Exception ex) when (LogFailure(ex, "UpsertRow"))
        {
            throw;
        }
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the reminder if its row still has <paramref name="eTag"/>; false when it changed or is gone.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(eTag))
        {
            // The SDK would read a missing ETag as "any": never delete without knowing which version is meant.
            Log.NotRemoved(_logger, reminderName, grainId.ToString(), "no ETag given", eTag);
            return false;
        }

        var partitionKey = ReminderKeys.PartitionKey(_serviceId, grainId);
        var rowKey = ReminderKeys.RowKey(grainId, reminderName);
        try
        {
            // The SDK reports a missing row as a 404 response rather than an exception.
            var response = await Table.DeleteEntityAsync(partitionKey, rowKey, new ETag(eTag), cancellationToken);
            if (response.Status == 404)
            {
                Log.NotRemoved(_logger, reminderName, grainId.ToString(), "no such reminder", eTag);
                return false;
            }

            Log.Removed(_logger, reminderName, grainId.ToString(), eTag);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            Log.NotRemoved(_logger, reminderName, grainId.ToString(), ex.Status == 412 ? "the ETag is stale" : "no such reminder", eTag);
            return false;
        }
        catch (Exception ex) when (LogFailure(ex, "RemoveRow"))
        {
            throw;
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes this service's reminders (other services sharing the table keep theirs).</summary>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var keys = new List<(string PartitionKey, string RowKey)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
                           HashRange(0, exclusiveLower: false, MaxHash), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add((row.PartitionKey, row.RowKey));
        }

        // One transaction per partition and at most 100 entities each: Azure's limits for entity group transactions.
        foreach (var partition in keys.GroupBy(k => k.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await Table.SubmitTransactionAsync(
                    chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey), ETag.All)),
                    cancellationToken);
            }
        }
    }

    /// <summary>The filter for grain hashes in (lower, upper] or [lower, upper], within this service's partitions.</summary>
    private string HashRange(uint lower, bool exclusiveLower, uint upper)
    {
        var from = ReminderKeys.PartitionKey(_serviceId, lower);
        var to = ReminderKeys.PartitionKey(_serviceId, upper);
        return exclusiveLower
            ? TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey le {to}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {to}");
    }

    private async Task<List<ReminderEntry>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (Read(row) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    // A malformed row is skipped, not thrown: one bad row must not stop every other reminder of its range from firing.
    private ReminderEntry? Read(TableEntity row)
    {
        var entry = ReminderRow.TryRead(row, _serviceId, out var problem);
        if (entry is null)
        {
            Log.BadRow(_logger, row.PartitionKey, row.RowKey, _options.TableName, problem ?? "unreadable");
        }

        return entry;
    }

    private TableServiceClient CreateServiceClient()
    {
        if (_options.TableServiceClientFactory is { } factory)
        {
            return factory(_services);
        }

        return string.IsNullOrWhiteSpace(_options.ConnectionString)
            ? _services.GetRequiredService<TableServiceClient>()
            : new TableServiceClient(_options.ConnectionString);
    }

    // Used as an exception filter: logs and lets the exception fly on.
    private bool LogFailure(Exception ex, string operation)
    {
        Log.Failed(_logger, ex, operation, _options.TableName);
        return false;
    }
}
