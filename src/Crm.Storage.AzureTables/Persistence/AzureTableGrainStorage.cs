using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Persistence;

/// <summary>
/// Orleans grain storage on Azure Tables, with ETag optimistic concurrency: a write or clear based on a stale
/// ETag fails with <see cref="InconsistentStateException"/> and never overwrites.
/// </summary>
public sealed partial class AzureTableGrainStorage(
    string name,
    AzureTableGrainStorageOptions options,
    TableServiceClient service,
    ClusterOptions cluster,
    ILogger<AzureTableGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TableClient _table = service.GetTableClient(options.TableName);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<AzureTableGrainStorage>(name), options.InitStage, InitAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        if (!response.HasValue || response.Value is null)
        {
            grainState.State = CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var entity = response.Value;
        grainState.State = options.GrainStorageSerializer.Deserialize<T>(new BinaryData(GrainStateEntity.ReadData(entity)));
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var data = options.GrainStorageSerializer.Serialize(grainState.State);
        var entity = GrainStateEntity.Build(partitionKey, rowKey, grainId.ToString(), data.ToMemory());
        try
        {
            var response = grainState.ETag is null
                ? await _table.AddEntityAsync(entity)
                : await _table.UpdateEntityAsync(entity, new ETag(grainState.ETag), TableUpdateMode.Replace);
            grainState.ETag = response.Headers.ETag?.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            LogStaleWrite(grainId, stateName, grainState.ETag, ex.Status);
            throw new InconsistentStateException(
                $"Grain storage '{name}': writing {stateName} of {grainId} with ETag '{grainState.ETag}' was refused ({ex.Status}); another write came first.",
                "unknown", grainState.ETag ?? "none", ex);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        if (grainState.ETag is null)
        {
            // The caller believes there is no record: clearing is a no-op, unless one was written meanwhile.
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: ["PartitionKey"]);
            if (existing.HasValue)
            {
                LogStaleWrite(grainId, stateName, null, 412);
                throw new InconsistentStateException(
                    $"Grain storage '{name}': clearing {stateName} of {grainId} without an ETag, but a stored record exists.",
                    existing.Value!.ETag.ToString(), "none");
            }
        }
        else
        {
            try
            {
                await _table.DeleteEntityAsync(partitionKey, rowKey, new ETag(grainState.ETag));
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                LogStaleWrite(grainId, stateName, grainState.ETag, ex.Status);
                throw new InconsistentStateException(
                    $"Grain storage '{name}': clearing {stateName} of {grainId} with ETag '{grainState.ETag}' was refused; another write came first.",
                    "unknown", grainState.ETag, ex);
            }

            // The SDK answers a missing entity (404) without throwing: it is gone, which is what clear asks for.
        }

        grainState.State = CreateDefault<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// PartitionKey = service | grain type | the grain key's first segment (the tenant, for keys "tenant/…").
    /// One tenant's grains of one type share a partition, so later bulk writes (imports) can go as
    /// 100-entity group transactions, which Azure allows only within one partition. RowKey = state name | grain id.
    /// Both are encoded reversibly, so ids that differ only in characters Azure forbids never collide.
    /// </summary>
    internal (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId)
    {
        var key = grainId.Key.ToString();
        var slash = key.IndexOf('/');
        var group = slash > 0 ? key[..slash] : key;
        var partitionKey = TableKey.Escape($"{cluster.ServiceId}|{grainId.Type}|{group}");
        var rowKey = TableKey.Escape($"{stateName}|{grainId}");
        return (partitionKey, rowKey);
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            LogInitialized(name, options.TableName);
        }
        catch (Exception ex)
        {
            LogInitFailed(ex, name, options.TableName);
            throw;
        }
    }

    private static T CreateDefault<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name} uses table {Table}.")]
    private partial void LogInitialized(string name, string table);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Name} could not create table {Table}.")]
    private partial void LogInitFailed(Exception exception, string name, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stale write refused for {GrainId} ({StateName}) with ETag {ETag}: status {Status}.")]
    private partial void LogStaleWrite(GrainId grainId, string stateName, string? etag, int status);
}
