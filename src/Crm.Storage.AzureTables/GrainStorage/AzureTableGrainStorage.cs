using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Log = Crm.Storage.AzureTables.GrainStorage.AzureTableGrainStorageLog;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>
/// Orleans grain storage on Azure Tables: one row per (service, grain, state name), keyed by
/// <see cref="GrainStateKeys"/>, payload laid out by <see cref="GrainStateEntity"/>. Every write and clear is
/// conditional on the ETag the activation holds; a lost race surfaces as <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    // Existence checks only need the ETag, which comes with any projection.
    private static readonly string[] KeysOnly = ["PartitionKey"];

    private readonly string _name;
    private readonly AzureTableGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly IServiceProvider _services;
    private readonly IActivatorProvider _activators;
    private readonly ILogger _logger;
    private TableClient? _table;

    public AzureTableGrainStorage(
        string name,
        AzureTableGrainStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IServiceProvider services,
        IActivatorProvider activators,
        ILogger<AzureTableGrainStorage> logger)
    {
        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _services = services;
        _activators = activators;
        _logger = logger;
    }

    /// <summary>The factory the hosting extensions register: the named options, everything else from DI.</summary>
    public static AzureTableGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<AzureTableGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name));

    private TableClient Table => _table
        ?? throw new InvalidOperationException($"Grain storage '{_name}' was used before the silo started it.");

    private IGrainStorageSerializer Serializer => _options.GrainStorageSerializer
        ?? throw new InvalidOperationException($"Grain storage '{_name}' has no serializer; register it with AddAzureTableGrainStorage.");

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<AzureTableGrainStorage>(_name), _options.InitStage, InitializeAsync);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        try
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (response is { HasValue: true, Value: { } entity })
            {
                var payload = Unprotect(entity, GrainStateEntity.ReadPayload(entity));
                var state = payload.Length == 0 ? default : Serializer.Deserialize<T>(new BinaryData(payload));
                grainState.State = state ?? CreateInstance<T>();
                grainState.ETag = entity.ETag.ToString();
                grainState.RecordExists = true;
            }
            else
            {
                grainState.State = CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }

            Log.Read(_logger, stateName, grainId.ToString(), partitionKey, rowKey, grainState.RecordExists, grainState.ETag);
        }
        catch (Exception ex) when (LogFailure(ex, "Read", stateName, grainId))
        {
            throw;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        ReadOnlyMemory<byte> payload = Serializer.Serialize(grainState.State).ToMemory();
        var protector = _options.PayloadProtector;
        if (protector is not null)
        {
            payload = protector.Protect(payload.Span);
        }

        // Checked before any I/O, so an oversized state leaves the stored one untouched.
        var size = GrainStateEntity.EstimateSize(partitionKey, rowKey, payload.Length, protector is not null);
        if (size > GrainStateEntity.MaxEntityBytes)
        {
            Log.TooLarge(_logger, stateName, grainId.ToString(), size, GrainStateEntity.MaxEntityBytes);
            throw new GrainStateTooLargeException(grainId, stateName, size, GrainStateEntity.MaxEntityBytes);
        }

        var entity = GrainStateEntity.Create(partitionKey, rowKey, payload, protector is not null);
        var currentETag = grainState.ETag;
        try
        {
            // No ETag means "I believe there is no row": insert, never overwrite.
            var response = currentETag is null
                ? await Table.AddEntityAsync(entity, cancellationToken)
                : await Table.UpdateEntityAsync(entity, new ETag(currentETag), TableUpdateMode.Replace, cancellationToken);
            grainState.ETag = response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException($"Table '{_options.TableName}' returned no ETag for a write.");
            grainState.RecordExists = true;
            Log.Wrote(_logger, stateName, grainId.ToString(), payload.Length, currentETag, grainState.ETag);
        }
        catch (RequestFailedException ex) when (IsConflict(ex))
        {
            throw await ConflictAsync("Write", stateName, grainId, partitionKey, rowKey, currentETag, ex);
        }
        catch (RequestFailedException ex) when (IsTooLarge(ex))
        {
            // The service refused what the estimate let through (the emulator counts the base64 request body).
            Log.TooLarge(_logger, stateName, grainId.ToString(), size, GrainStateEntity.MaxEntityBytes);
            throw new GrainStateTooLargeException(
                grainId, stateName, size, GrainStateEntity.MaxEntityBytes, $"table storage refused it: {ex.ErrorCode}", ex);
        }
        catch (Exception ex) when (LogFailure(ex, "Write", stateName, grainId))
        {
            throw;
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var currentETag = grainState.ETag;
        try
        {
            if (currentETag is null)
            {
                // Nothing to delete as far as this activation knows; a row that exists anyway was written by someone else.
                var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, KeysOnly, cancellationToken);
                if (existing is { HasValue: true, Value: { } row })
                {
                    throw Conflict("Clear", stateName, grainId, row.ETag.ToString(), currentETag, innerException: null);
                }
            }
            else
            {
                // The SDK reports a missing row as a 404 response rather than an exception.
                var response = await Table.DeleteEntityAsync(partitionKey, rowKey, new ETag(currentETag), cancellationToken);
                if (response.Status == 404)
                {
                    throw Conflict("Clear", stateName, grainId, "(none)", currentETag, innerException: null);
                }
            }

            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = CreateInstance<T>();
            Log.Cleared(_logger, stateName, grainId.ToString(), currentETag);
        }
        catch (RequestFailedException ex) when (IsConflict(ex))
        {
            throw await ConflictAsync("Clear", stateName, grainId, partitionKey, rowKey, currentETag, ex);
        }
        catch (Exception ex) when (ex is not InconsistentStateException && LogFailure(ex, "Clear", stateName, grainId))
        {
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var service = CreateServiceClient();
            await service.CreateTableIfNotExistsAsync(_options.TableName, cancellationToken);
            _table = service.GetTableClient(_options.TableName);
            Log.TableReady(_logger, _name, _options.TableName);
        }
        catch (Exception ex)
        {
            Log.TableFailed(_logger, ex, _name, _options.TableName);
            throw;
        }
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

    /// <summary>Decrypts a protected row; a plain row (written before a protector was set) is returned as is.</summary>
    private byte[] Unprotect(TableEntity entity, byte[] payload)
    {
        if (!GrainStateEntity.IsProtected(entity))
        {
            return payload;
        }

        var protector = _options.PayloadProtector ?? throw new InvalidOperationException(
            $"Row '{entity.PartitionKey}' / '{entity.RowKey}' of table '{_options.TableName}' is encrypted, but grain storage " +
            $"'{_name}' has no {nameof(AzureTableGrainStorageOptions.PayloadProtector)}.");
        return protector.Unprotect(payload);
    }

    private (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId) =>
        (GrainStateKeys.PartitionKey(_serviceId, grainId), GrainStateKeys.RowKey(stateName, grainId));

    private T CreateInstance<T>() => _activators.GetActivator<T>().Create();

    /// <summary>Builds the exception for a lost ETag race, looking up the stored ETag so the message can name it.</summary>
    private async Task<InconsistentStateException> ConflictAsync(
        string operation, string stateName, GrainId grainId, string partitionKey, string rowKey, string? currentETag, RequestFailedException ex)
    {
        string storedETag;
        try
        {
            var stored = await Table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, KeysOnly);
            storedETag = stored is { HasValue: true, Value: { } row } ? row.ETag.ToString() : "(none)";
        }
        catch (Exception)
        {
            // Only the message needs it: a failed lookup must not hide the conflict itself.
            storedETag = "Unknown";
        }

        return Conflict(operation, stateName, grainId, storedETag, currentETag, ex);
    }

    private InconsistentStateException Conflict(
        string operation, string stateName, GrainId grainId, string storedETag, string? currentETag, Exception? innerException)
    {
        var current = currentETag ?? "(none)";
        Log.Conflict(_logger, operation, stateName, grainId.ToString(), _options.TableName, storedETag, current);
        var message =
            $"{operation} of state '{stateName}' for grain {grainId} in table '{_options.TableName}' was refused: the stored " +
            $"ETag is {storedETag} but this activation holds {current}; another activation or process changed the state.";
        return innerException is null
            ? new InconsistentStateException(message, storedETag, current)
            : new InconsistentStateException(message, storedETag, current, innerException);
    }

    // 412: the row moved on; 409: a row exists where we expected none; 404: the row we expected is gone.
    // A missing or dying table is a configuration problem, not a race, so it propagates as is.
    private static bool IsConflict(RequestFailedException ex) => ex.Status switch
    {
        412 => true,
        409 => !Is(ex, TableErrorCode.TableBeingDeleted),
        404 => !Is(ex, TableErrorCode.TableNotFound),
        _ => false,
    };

    private static bool IsTooLarge(RequestFailedException ex) =>
        Is(ex, TableErrorCode.EntityTooLarge) || Is(ex, TableErrorCode.PropertyValueTooLarge)
        || string.Equals(ex.ErrorCode, "RequestBodyTooLarge", StringComparison.Ordinal);

    // ErrorCode may be null; comparing strings avoids TableErrorCode's throwing conversion.
    private static bool Is(RequestFailedException ex, TableErrorCode code) =>
        string.Equals(ex.ErrorCode, code.ToString(), StringComparison.Ordinal);

    // Used as an exception filter: logs and lets the exception fly on.
    private bool LogFailure(Exception ex, string operation, string stateName, GrainId grainId)
    {
        Log.Failed(_logger, ex, operation, stateName, grainId.ToString(), _options.TableName);
        return false;
    }
}
