using Azure.Data.Tables;

namespace Crm.Storage.AzureTables.Persistence;

/// <summary>
/// Lays a serialized state out over binary properties of at most 64 KiB (Azure's per-property limit), and
/// checks the whole entity against Azure's 1 MiB entity limit before anything is sent.
/// </summary>
internal static class GrainStateEntity
{
    public const int ChunkSize = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    private const string DataPrefix = "Data";
    private const string LengthProperty = "Length";
    private const string GrainIdProperty = "GrainId";

    public static TableEntity Build(string partitionKey, string rowKey, string grainId, ReadOnlyMemory<byte> data)
    {
        var chunks = (data.Length + ChunkSize - 1) / ChunkSize;
        var size = EstimateSize(partitionKey, rowKey, grainId, data.Length, chunks);
        if (size > MaxEntityBytes)
        {
            throw new GrainStateTooLargeException(
                $"The state of grain {grainId} is {data.Length} bytes serialized ({size} bytes as a table entity); " +
                $"an Azure table entity holds at most {MaxEntityBytes} bytes. Nothing was written.");
        }

        var entity = new TableEntity(partitionKey, rowKey)
        {
            [GrainIdProperty] = grainId,
            [LengthProperty] = data.Length,
        };
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkSize;
            entity[DataPrefix + i] = data.Slice(start, Math.Min(ChunkSize, data.Length - start)).ToArray();
        }

        return entity;
    }

    public static byte[] ReadData(TableEntity entity)
    {
        var length = entity.GetInt32(LengthProperty) ?? 0;
        var data = new byte[length];
        var offset = 0;
        for (var i = 0; offset < length; i++)
        {
            var chunk = entity.GetBinary(DataPrefix + i)
                ?? throw new InvalidDataException($"Stored state of {entity.GetString(GrainIdProperty)} lacks {DataPrefix}{i}.");
            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }

        return data;
    }

    // Azure's size formula: 4 + 2*(len(PK)+len(RK)) + per property 8 + 2*len(name) + value (binary: length + 4; string: 2*len + 4; int: 4).
    private static long EstimateSize(string partitionKey, string rowKey, string grainId, int dataLength, int chunks)
    {
        long size = 4 + 2L * (partitionKey.Length + rowKey.Length);
        size += 8 + 2 * GrainIdProperty.Length + 2L * grainId.Length + 4;
        size += 8 + 2 * LengthProperty.Length + 4;
        size += chunks * (8L + 2 * (DataPrefix.Length + 2) + 4) + dataLength;
        return size;
    }
}
