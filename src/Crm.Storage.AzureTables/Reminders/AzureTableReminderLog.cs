using Microsoft.Extensions.Logging;

namespace Crm.Storage.AzureTables.Reminders;

/// <summary>The reminder table's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class AzureTableReminderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reminder table {Table} is ready for service {ServiceId}.")]
    public static partial void TableReady(ILogger logger, string table, string serviceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Reminder table {Table} could not be created.")]
    public static partial void TableFailed(ILogger logger, Exception exception, string table);

    [LoggerMessage(EventId = 3, Level = LogLevel.Trace, Message = "Read {Count} reminders of {GrainId}.")]
    public static partial void ReadGrain(ILogger logger, int count, string grainId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "Read {Count} reminders with grain hash in ({Begin:X8}, {End:X8}].")]
    public static partial void ReadRange(ILogger logger, int count, uint begin, uint end);

    [LoggerMessage(EventId = 5, Level = LogLevel.Trace, Message = "Upserted reminder {ReminderName} of {GrainId}: etag {ETag}.")]
    public static partial void Upserted(ILogger logger, string reminderName, string grainId, string eTag);

    [LoggerMessage(EventId = 6, Level = LogLevel.Trace, Message = "Removed reminder {ReminderName} of {GrainId} (etag {ETag}).")]
    public static partial void Removed(ILogger logger, string reminderName, string grainId, string eTag);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Did not remove reminder {ReminderName} of {GrainId}: {Reason} (etag {ETag}).")]
    public static partial void NotRemoved(ILogger logger, string reminderName, string grainId, string reason, string? eTag);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Skipped row {PartitionKey}/{RowKey} of reminder table {Table}: {Problem}.")]
    public static partial void BadRow(ILogger logger, string partitionKey, string rowKey, string table, string problem);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Operation} on reminder table {Table} failed.")]
    public static partial void Failed(ILogger logger, Exception exception, string operation, string table);
}
