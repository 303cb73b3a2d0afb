using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using Crm.Reporting.Csv;
using FsCheck.Xunit;

namespace Crm.Reporting.Tests;

public sealed class CsvExportTests
{
    private static readonly CsvColumn[] OneText = [new("Note")];

    [Theory]
    [InlineData("=1+1")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+1")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public async Task Write_TextCellStartingWithAFormulaCharacter_IsPrefixedWithAQuote(string cell)
    {
        var read = await RoundTripAsync(OneText, [[cell]]);

        Assert.Equal("'" + cell, read[1][0]);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a, b, c")]
    [InlineData("she said \"hi\"")]
    [InlineData("line one\nline two\r\nline three")]
    [InlineData("张伟，上海市浦东新区 — 投诉已解决")]
    [InlineData("a=b")]
    [InlineData(" =not a formula once a space leads")]
    [InlineData("")]
    public async Task Write_OrdinaryText_RoundTripsUnchanged(string cell)
    {
        var read = await RoundTripAsync([new("名字"), new("Note")], [["张伟", cell]]);

        Assert.Equal(["名字", "Note"], read[0]);
        Assert.Equal(["张伟", cell], read[1]);
    }

    [Fact]
    public async Task Write_NegativeNumber_IsEscapedInTextButKeptInANumberColumn()
    {
        var read = await RoundTripAsync([new("Comment"), new("Delta", CsvColumnKind.Number)], [["-5", "-5"], ["3.25", "3.25"], ["", ""]]);

        Assert.Equal(["'-5", "-5"], read[1]);
        Assert.Equal(["3.25", "3.25"], read[2]);
        Assert.Equal(["", ""], read[3]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("-1+2")]
    [InlineData("1,000")]
    [InlineData("1e5")]
    [InlineData("five")]
    public async Task Write_NonNumberInANumberColumn_IsRefused(string cell) =>
        await Assert.ThrowsAsync<ArgumentException>(() => CsvExport.WriteAsync(new MemoryStream(), [new CsvColumn("n", CsvColumnKind.Number)], [[cell]]));

    [Fact]
    public async Task Write_HeaderStartingWithAFormulaCharacter_IsEscapedToo()
    {
        var read = await RoundTripAsync([new("=cmd"), new("-Delta", CsvColumnKind.Number)], []);

        Assert.Equal(["'=cmd", "'-Delta"], read[0]);
    }

    [Fact]
    public async Task Write_StartsWithOneUtf8ByteOrderMark()
    {
        using var stream = new MemoryStream();

        await CsvExport.WriteAsync(stream, [new CsvColumn("名字")], [["张伟"]]);

        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("名字\r\n张伟\r\n", new UTF8Encoding(false).GetString(bytes[3..]));
    }

    [Fact]
    public async Task Write_AsyncRows_AreStreamedLikeListRows()
    {
        using var stream = new MemoryStream();

        await CsvExport.WriteAsync(stream, OneText, RowsAsync("=a", "b"));

        Assert.Equal("Note\r\n\"'=a\"\r\nb\r\n", new UTF8Encoding(false).GetString(stream.ToArray()[3..]));
    }

    [Fact]
    public async Task Write_OneColumnWithAnEmptyCell_KeepsTheRow()
    {
        var read = await RoundTripAsync(OneText, [["a"], [""], [null], ["b"]]);

        Assert.Equal(["a", "", "", "b"], read.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Write_RowOfWrongWidth_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => CsvExport.WriteAsync(new MemoryStream(), OneText, [["a", "b"]]));

    [Property(MaxTest = 300)]
    public bool Write_AnyText_ReadsBackAsItselfOrQuotePrefixedAndNeverAsAFormula(string?[] cells)
    {
        var columns = cells.Length == 0 ? OneText : cells.Select((_, i) => new CsvColumn("c" + i)).ToArray();
        IReadOnlyList<string?> row = cells.Length == 0 ? [""] : cells;
        var read = RoundTripAsync(columns, [row]).GetAwaiter().GetResult()[1];
        return row.Select((cell, i) => (Original: cell ?? "", Read: read[i])).All(c =>
            c.Read == (StartsLikeFormula(c.Original) ? "'" + c.Original : c.Original) && !StartsLikeFormula(c.Read));
    }

    private static bool StartsLikeFormula(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static async Task<List<string[]>> RoundTripAsync(IReadOnlyList<CsvColumn> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(stream, columns, rows);
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (await csv.ReadAsync())
        {
            records.Add([.. Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "")]);
        }

        return records;
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> RowsAsync(params string[] cells)
    {
        foreach (var cell in cells)
        {
            await Task.Yield();
            yield return [cell];
        }
    }
}
