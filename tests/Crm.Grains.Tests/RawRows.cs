using System.Text;
using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Grains.Tests;

/// <summary>
/// Every row of every table, as text: keys, string values, and binary values decoded as UTF-8; with a protector,
/// decrypted first, to prove erased data is gone rather than merely encrypted.
/// </summary>
internal static class RawRows
{
    public static async Task<IReadOnlyList<(string Table, string Text)>> ReadAllAsync(TableServiceClient service, PersonalDataProtector? decrypt = null)
    {
        var texts = new List<(string, string)>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                if (decrypt is not null && GrainStateEntity.IsProtected(row))
                {
                    texts.Add((table.Name, $"{row.PartitionKey} {row.RowKey} (decrypted)={Encoding.UTF8.GetString(decrypt.Unprotect(GrainStateEntity.ReadPayload(row)))}"));
                }

                foreach (var (name, value) in row)
                {
                    var text = value switch
                    {
                        string s => decrypt?.UnprotectString(s) ?? s,
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        BinaryData data => Encoding.UTF8.GetString(data.ToArray()),
                        _ => null,
                    };
                    if (text is not null)
                    {
                        texts.Add((table.Name, $"{row.PartitionKey} {row.RowKey} {name}={text}"));
                    }
                }
            }
        }

        return texts;
    }

    /// <summary>Fails naming the table and row if any row holds any of the values.</summary>
    public static Task AssertNoneContainsAsync(TableServiceClient service, params string[] values) =>
        AssertNoneContainsAsync(service, null, values);

    public static async Task AssertNoneContainsAsync(TableServiceClient service, PersonalDataProtector? decrypt, params string[] values)
    {
        var rows = await ReadAllAsync(service, decrypt);
        Assert.NotEmpty(rows);
        foreach (var value in values)
        {
            var hit = rows.FirstOrDefault(r => r.Text.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.True(hit == default, $"'{value}' is stored{(decrypt is null ? " in plaintext" : " (found after decrypting)")} in table {hit.Table}: {hit.Text}");
        }
    }

    /// <summary>Rows of the lookup index that point at the customer (hashes only, so they must be counted, not searched).</summary>
    public static async Task<int> CountLookupRowsAsync(TableServiceClient service, string customerId)
    {
        var count = 0;
        await foreach (var _ in service.GetTableClient(Crm.Storage.AzureTables.CrmTables.CustomerLookup).QueryAsync<TableEntity>(r => r.RowKey == customerId))
        {
            count++;
        }

        return count;
    }
}
