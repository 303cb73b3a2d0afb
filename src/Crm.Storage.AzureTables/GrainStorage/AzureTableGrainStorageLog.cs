using Microsoft.Extensions.Logging;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>The provider's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class AzureTableGrainStorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Grain storage {Name} is ready on table {Table}.")]
    public static partial void TableReady(ILogger logger, string name, string table);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Grain storage {Name} could not create table {Table}.")]
    public static partial void TableFailed(ILogger logger, Exception exception, string name, string table);

    [LoggerMessage(EventId = 3, Level = LogLevel.Trace, Message = "Read {StateName} of {GrainId} from {PartitionKey}/{RowKey}: found={Found}, etag={ETag}.")]
    public static partial void Read(ILogger logger, string stateName, string grainId, string partitionKey, string rowKey, bool found, string? etag);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "Wrote {StateName} of {GrainId} ({Bytes} bytes): etag {OldETag} -> {NewETag}.")]
    public static partial void Wrote(ILogger logger, string stateName, string grainId, int bytes, string? oldETag, string newETag);

    [LoggerMessage(EventId = 5, Level = LogLevel.Trace, Message = "Cleared {StateName} of {GrainId} (etag {ETag}).")]
    public static partial void Cleared(ILogger logger, string stateName, string grainId, string? etag);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Operation} of {StateName} for {GrainId} in table {Table} lost an ETag race: stored {StoredETag}, expected {CurrentETag}.")]
    public static partial void Conflict(ILogger logger, string operation, string stateName, string grainId, string table, string storedETag, string currentETag);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "The state {StateName} of {GrainId} is {Size} bytes as an entity, over the {Limit}-byte limit; nothing was written.")]
    public static partial void TooLarge(ILogger logger, string stateName, string grainId, long size, long limit);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Operation} of {StateName} for {GrainId} in table {Table} failed.")]
    public static partial void Failed(ILogger logger, Exception exception, string operation, string stateName, string grainId, string table);
}
