using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Reports;
using Crm.Grains.Reports;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// Heartbeats and front-end traffic, one partition per kind and UTC day, one row per hour and silo (or front end),
/// one column per minute (<c>m05</c>; <c>r05</c>/<c>e05</c> for requests and 5xx). A write is a merge-upsert of
/// its minute's columns, so it needs no read, a repeat writes the same value, and silos never contend for a row.
/// A month is about 720 rows per silo, read in one range query. The first heartbeat ever is its own row.
/// </summary>
public sealed class TableAvailabilityStore(TableServiceClient service) : IAvailabilityStore
{
    private const string BeatPrefix = "beat|";
    private const string TrafficPrefix = "traffic|";
    private const string SincePartition = "since";
    private const string SinceRow = "first";
    private const string SinceColumn = "At";

    private readonly TableClient _table = service.GetTableClient(CrmTables.Availability);
    private volatile bool _firstRecorded;

    public async Task RecordHeartbeatAsync(string silo, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(silo);
        var minute = Minute(at);
        if (!_firstRecorded)
        {
            try
            {
                await _table.AddEntityAsync(new TableEntity(SincePartition, SinceRow) { [SinceColumn] = minute }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // The product ran before: the first heartbeat stays the one recorded then.
            }

            _firstRecorded = true;
        }

        var row = new TableEntity(Partition(BeatPrefix, minute), RowKey(minute, silo)) { [Column("m", minute)] = true };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task RecordTrafficAsync(string instance, IReadOnlyList<TrafficMinute> minutes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentNullException.ThrowIfNull(minutes);
        foreach (var hour in minutes.GroupBy(m => Minute(m.Minute).AddMinutes(-Minute(m.Minute).Minute)))
        {
            var row = new TableEntity(Partition(TrafficPrefix, hour.Key), RowKey(hour.Key, instance));
            foreach (var m in hour)
            {
                row[Column("r", Minute(m.Minute))] = m.Requests;
                row[Column("e", Minute(m.Minute))] = m.ServerErrors;
            }

            await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        }
    }

    public async Task<AvailabilitySamples> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var first = await _table.GetEntityIfExistsAsync<TableEntity>(SincePartition, SinceRow, cancellationToken: cancellationToken);
        var firstAt = first.HasValue ? first.Value!.GetDateTimeOffset(SinceColumn) : null;
        var up = new HashSet<DateTimeOffset>();
        await foreach (var (at, _) in MinutesAsync(BeatPrefix, "m", from, to, cancellationToken))
        {
            up.Add(at);
        }

        long requests = 0, errors = 0;
        await foreach (var (at, row) in MinutesAsync(TrafficPrefix, "r", from, to, cancellationToken))
        {
            requests += row.GetInt64(Column("r", at)) ?? 0;
            errors += row.GetInt64(Column("e", at)) ?? 0;
        }

        return new AvailabilitySamples(firstAt, up, requests, errors);
    }

    /// <summary>Every minute in [from, to) that has a <paramref name="column"/> column, with its row.</summary>
    private async IAsyncEnumerable<(DateTimeOffset At, TableEntity Row)> MinutesAsync(
        string prefix, string column, DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            yield break;
        }

        string low = Partition(prefix, from.ToUniversalTime()), high = Partition(prefix, to.ToUniversalTime().AddTicks(-1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey le {high}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var day = DateTimeOffset.ParseExact(row.PartitionKey[prefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var hour = day.AddHours(int.Parse(row.RowKey.AsSpan(0, 2), CultureInfo.InvariantCulture));
            foreach (var key in row.Keys)
            {
                if (key.Length == column.Length + 2 && key.StartsWith(column, StringComparison.Ordinal)
                    && int.TryParse(key.AsSpan(column.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60)
                {
                    var at = hour.AddMinutes(m);
                    if (at >= from && at < to)
                    {
                        yield return (at, row);
                    }
                }
            }
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    private static string Partition(string prefix, DateTimeOffset at) => prefix + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RowKey(DateTimeOffset at, string who) =>
        at.UtcDateTime.ToString("HH", CultureInfo.InvariantCulture) + "|" + TableKey.Escape(who);

    private static string Column(string prefix, DateTimeOffset minute) => prefix + minute.Minute.ToString("D2", CultureInfo.InvariantCulture);
}
