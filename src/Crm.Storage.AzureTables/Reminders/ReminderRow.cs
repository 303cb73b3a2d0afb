using Azure.Data.Tables;
using Orleans;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Reminders;

/// <summary>How a <see cref="ReminderEntry"/> is laid out as a table row.</summary>
/// <remarks>
/// The keys only locate the row; the values are read back from plain properties (unescaped, readable in a backup).
/// The grain's type and key are kept apart because a grain id's text form "type/key" is ambiguous when the type
/// holds a '/'. The period is stored as ticks so that it comes back exactly.
/// </remarks>
public static class ReminderRow
{
    public const string ServiceId = nameof(ServiceId);
    public const string GrainType = nameof(GrainType);
    public const string GrainKey = nameof(GrainKey);
    public const string ReminderName = nameof(ReminderName);
    public const string StartAt = nameof(StartAt);
    public const string PeriodTicks = nameof(PeriodTicks);

    public static TableEntity Create(string serviceId, ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TableEntity(ReminderKeys.PartitionKey(serviceId, entry.GrainId), ReminderKeys.RowKey(entry.GrainId, entry.ReminderName))
        {
            [ServiceId] = serviceId,
            [GrainType] = entry.GrainId.Type.ToString(),
            [GrainKey] = entry.GrainId.Key.ToString(),
            [ReminderName] = entry.ReminderName,
            [StartAt] = new DateTimeOffset(AsUtc(entry.StartAt)),
            [PeriodTicks] = entry.Period.Ticks,
        };
    }

    /// <summary>The reminder a row holds, or null (with the reason) when the row is not a well-formed reminder of the service.</summary>
    public static ReminderEntry? TryRead(TableEntity row, string serviceId, out string? problem)
    {
        var type = row.GetString(GrainType);
        var key = row.GetString(GrainKey);
        var name = row.GetString(ReminderName);
        var startAt = row.GetDateTimeOffset(StartAt);
        var period = row.GetInt64(PeriodTicks);
        if (type is null || key is null || name is null || startAt is null || period is null)
        {
            problem = "a property is missing or has the wrong type";
            return null;
        }

        if (!string.Equals(row.GetString(ServiceId), serviceId, StringComparison.Ordinal))
        {
            problem = $"it belongs to service '{row.GetString(ServiceId)}'";
            return null;
        }

        var grainId = GrainId.Create(type, key);
        if (!string.Equals(row.PartitionKey, ReminderKeys.PartitionKey(serviceId, grainId), StringComparison.Ordinal)
            || !string.Equals(row.RowKey, ReminderKeys.RowKey(grainId, name), StringComparison.Ordinal))
        {
            // E.g. written under another grain hash function: the reminder service would look for it elsewhere.
            problem = "its keys do not match its grain and name";
            return null;
        }

        problem = null;
        return new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = name,
            StartAt = startAt.Value.UtcDateTime,
            Period = TimeSpan.FromTicks(period.Value),
            ETag = row.ETag.ToString(),
        };
    }

    // Orleans hands out UTC times; an unspecified kind is taken as UTC rather than shifted by the silo's time zone.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
