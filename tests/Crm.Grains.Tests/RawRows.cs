using System.Text;
using Azure.Data.Tables;

namespace Crm.Grains.Tests;

/// <summary>Every row of every table, as text: keys, string values, and binary values decoded as UTF-8.</summary>
internal static class RawRows
{
    public static async Task<IReadOnlyList<(string Table, string Text)>> ReadAllAsync(TableServiceClient service)
    {
        var texts = new List<(string, string)>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (name, value) in row)
                {
                    var text = value switch
                    {
                        string s => s,
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
    public static async Task AssertNoneContainsAsync(TableServiceClient service, params string[] values)
    {
        var rows = await ReadAllAsync(service);
        Assert.NotEmpty(rows);
        foreach (var value in values)
        {
            var hit = rows.FirstOrDefault(r => r.Text.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.True(hit == default, $"'{value}' is stored in plaintext in table {hit.Table}: {hit.Text}");
        }
    }
}
