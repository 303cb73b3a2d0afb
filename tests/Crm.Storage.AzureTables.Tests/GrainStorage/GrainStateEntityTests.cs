using Crm.Storage.AzureTables.GrainStorage;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>The chunked payload layout and Azure's entity size formula.</summary>
public sealed class GrainStateEntityTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(GrainStateEntity.MaxChunkBytes - 1, 1)]
    [InlineData(GrainStateEntity.MaxChunkBytes, 1)]
    [InlineData(GrainStateEntity.MaxChunkBytes + 1, 2)]
    [InlineData(1_000_000, 16)]
    public void CreateReadPayload_Size_RoundTripsInExpectedChunks(int size, int chunks)
    {
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);

        var entity = GrainStateEntity.Create("pk", "rk", payload);

        Assert.Equal(chunks, entity.GetInt32(GrainStateEntity.ChunksProperty));
        Assert.Equal(size, entity.GetInt32(GrainStateEntity.SizeProperty));
        Assert.All(
            Enumerable.Range(0, chunks),
            i => Assert.InRange(entity.GetBinary(GrainStateEntity.DataPropertyPrefix + i)!.Length, 1, GrainStateEntity.MaxChunkBytes));
        Assert.Equal(payload, GrainStateEntity.ReadPayload(entity));
    }

    [Fact]
    public void ReadPayload_MissingChunk_ThrowsInvalidData()
    {
        var entity = GrainStateEntity.Create("pk", "rk", new byte[GrainStateEntity.MaxChunkBytes + 10]);
        entity.Remove(GrainStateEntity.DataPropertyPrefix + "1");

        Assert.Throws<InvalidDataException>(() => GrainStateEntity.ReadPayload(entity));
    }

    [Fact]
    public void ReadPayload_SizeDisagreesWithChunks_ThrowsInvalidData()
    {
        var entity = GrainStateEntity.Create("pk", "rk", new byte[100]);
        entity[GrainStateEntity.SizeProperty] = 99;

        Assert.Throws<InvalidDataException>(() => GrainStateEntity.ReadPayload(entity));
    }

    [Fact]
    public void ReadPayload_RowWithoutLayout_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => GrainStateEntity.ReadPayload(new Azure.Data.Tables.TableEntity("pk", "rk")));

    [Fact]
    public void EstimateSize_SmallPayload_CountsKeysNamesAndValues()
    {
        // 4 + 2×(2+2) keys; Timestamp 8+18+8; DataSize 8+16+4; DataChunks 8+20+4; Data0 8+10+(10+4).
        Assert.Equal(4 + 8 + 34 + 28 + 32 + 32, GrainStateEntity.EstimateSize("pk", "rk", 10));
    }

    [Fact]
    public void EstimateSize_SixteenFullChunks_IsOverTheEntityLimit() =>
        Assert.True(GrainStateEntity.EstimateSize("pk", "rk", 16 * GrainStateEntity.MaxChunkBytes) > GrainStateEntity.MaxEntityBytes);

    [Fact]
    public void EstimateSize_FifteenFullChunks_FitsTheEntityLimit() =>
        Assert.True(GrainStateEntity.EstimateSize("pk", "rk", 15 * GrainStateEntity.MaxChunkBytes) < GrainStateEntity.MaxEntityBytes);
}
