using Azure.Data.Tables;

namespace Crm.Storage.AzureTables.Tests.Backup;

/// <summary>Compares stored entities exactly: keys, property names, CLR types (EDM types) and values, bit for bit.</summary>
internal static class BackupAssert
{
    private static readonly HashSet<string> ServerSet = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    public static async Task<List<TableEntity>> ReadAllAsync(TableServiceClient service, string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in service.GetTableClient(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public static void SameEntities(IEnumerable<TableEntity> expected, IReadOnlyList<TableEntity> actual, string table)
    {
        var byKey = actual.ToDictionary(e => (e.PartitionKey, e.RowKey));
        var expectedList = expected.ToList();
        Assert.True(expectedList.Count == actual.Count, $"{table}: expected {expectedList.Count} rows, found {actual.Count}.");
        foreach (var want in expectedList)
        {
            Assert.True(byKey.TryGetValue((want.PartitionKey, want.RowKey), out var got), $"{table}: row ({want.PartitionKey}, {want.RowKey}) is missing.");
            var wantNames = want.Keys.Where(k => !ServerSet.Contains(k)).Order(StringComparer.Ordinal).ToList();
            var gotNames = got!.Keys.Where(k => !ServerSet.Contains(k)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(wantNames, gotNames);
            foreach (var name in wantNames)
            {
                SameValue(want[name], got[name], $"{table} ({want.PartitionKey}, {want.RowKey}).{name}");
            }
        }
    }

    private static void SameValue(object expected, object actual, string where)
    {
        Assert.True(expected.GetType() == actual.GetType(), $"{where}: expected type {expected.GetType()}, found {actual.GetType()} ({actual}).");
        switch (expected)
        {
            case byte[] bytes:
                Assert.True(bytes.AsSpan().SequenceEqual((byte[])actual), $"{where}: bytes differ.");
                break;
            case double d:
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual), $"{where}: expected {d:R}, found {actual:R}.");
                break;
            case DateTimeOffset dto:
                Assert.True(dto.UtcTicks == ((DateTimeOffset)actual).UtcTicks, $"{where}: expected {dto:O}, found {actual:O}.");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{where}: expected {expected}, found {actual}.");
                break;
        }
    }
}
