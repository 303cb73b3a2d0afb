using Azure.Data.Tables;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>
/// The stored form of a serialized grain state: binary properties <c>Data0..DataN</c> of at most 64 KiB each (Azure's
/// per-property limit), with <c>DataSize</c> (total bytes) and <c>DataChunks</c> (property count) to check them on read.
/// </summary>
public static class GrainStateEntity
{
    public const string DataPropertyPrefix = "Data";
    public const string SizeProperty = "DataSize";
    public const string ChunksProperty = "DataChunks";

    /// <summary>True when the payload was encrypted by a payload protector; rows without it are plain (written before encryption).</summary>
    public const string ProtectedProperty = "DataProtected";

    /// <summary>Azure's limit for one binary property.</summary>
    public const int MaxChunkBytes = 64 * 1024;

    /// <summary>Azure's limit for one entity, keys and property names included.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    public static TableEntity Create(string partitionKey, string rowKey, ReadOnlyMemory<byte> payload, bool isProtected = false)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            [SizeProperty] = payload.Length,
            [ChunksProperty] = ChunkCount(payload.Length),
        };
        if (isProtected)
        {
            entity[ProtectedProperty] = true;
        }

        for (var i = 0; i * MaxChunkBytes < payload.Length; i++)
        {
            var start = i * MaxChunkBytes;
            entity[DataPropertyPrefix + i] = payload.Slice(start, Math.Min(MaxChunkBytes, payload.Length - start)).ToArray();
        }

        return entity;
    }

    /// <summary>Reassembles the payload, refusing a row whose chunks do not add up (a torn or foreign row).</summary>
    public static byte[] ReadPayload(TableEntity entity)
    {
        var size = entity.GetInt32(SizeProperty)
            ?? throw new InvalidDataException($"Row {Describe(entity)} has no {SizeProperty} property; it was not written by this provider.");
        var chunks = entity.GetInt32(ChunksProperty)
            ?? throw new InvalidDataException($"Row {Describe(entity)} has no {ChunksProperty} property; it was not written by this provider.");
        if (size < 0 || chunks != ChunkCount(size))
        {
            throw new InvalidDataException($"Row {Describe(entity)} claims {size} bytes in {chunks} chunks.");
        }

        var payload = new byte[size];
        var offset = 0;
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary(DataPropertyPrefix + i)
                ?? throw new InvalidDataException($"Row {Describe(entity)} lacks chunk {DataPropertyPrefix}{i}.");
            if (offset + chunk.Length > size)
            {
                throw new InvalidDataException($"Row {Describe(entity)} holds more than its {size} bytes.");
            }

            chunk.CopyTo(payload, offset);
            offset += chunk.Length;
        }

        if (offset != size)
        {
            throw new InvalidDataException($"Row {Describe(entity)} holds {offset} of its {size} bytes.");
        }

        return payload;
    }

    /// <summary>
    /// The entity's size by Azure's published formula: 4 bytes, plus 2 per key character, plus for each property
    /// 8 bytes, 2 per name character and its value (binary: length + 4, Int32: 4, DateTime: 8). Timestamp counts too.
    /// </summary>
    public static long EstimateSize(string partitionKey, string rowKey, int payloadBytes, bool isProtected = false)
    {
        long size = 4 + (2L * (partitionKey.Length + rowKey.Length));
        size += Property("Timestamp", 8) + Property(SizeProperty, 4) + Property(ChunksProperty, 4);
        size += isProtected ? Property(ProtectedProperty, 1) : 0;
        var chunks = ChunkCount(payloadBytes);
        for (var i = 0; i < chunks; i++)
        {
            var chunkBytes = Math.Min(MaxChunkBytes, payloadBytes - (i * MaxChunkBytes));
            size += Property(DataPropertyPrefix + i, chunkBytes + 4);
        }

        return size;

        static long Property(string name, long valueBytes) => 8 + (2L * name.Length) + valueBytes;
    }

    public static bool IsProtected(TableEntity entity) => entity.GetBoolean(ProtectedProperty) == true;

    private static int ChunkCount(int payloadBytes) => (int)((payloadBytes + (long)MaxChunkBytes - 1) / MaxChunkBytes);

    private static string Describe(TableEntity entity) => $"'{entity.PartitionKey}' / '{entity.RowKey}'";
}
