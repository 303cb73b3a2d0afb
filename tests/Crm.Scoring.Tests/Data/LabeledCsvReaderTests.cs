using System.Text;
using Crm.Scoring.Data;

namespace Crm.Scoring.Tests.Data;

public sealed class LabeledCsvReaderTests
{
    private static LabeledCsvFile Read(string csv, string text = "review", string label = "label") =>
        LabeledCsvReader.Read(new StringReader(csv), text, label, "input.csv");

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_RoundTrip()
    {
        var file = Read("label,review\n1,\"很好, \"\"真的\"\"\n第二行\"\n0,plain\n");

        Assert.Equal([new LabeledText("很好, \"真的\"\n第二行", true, 2), new LabeledText("plain", false, 3)], file.Rows);
    }

    [Fact]
    public void ReadFile_Utf8Bom_HeaderStillMatches()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "review,label\r\n不错,1\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var file = LabeledCsvReader.ReadFile(path, "review", "label");

            Assert.Equal([new LabeledText("不错", true, 2)], file.Rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_BomInsideTheFirstField_IsStripped()
    {
        Assert.Equal("好", Read("label,review\n1,\uFEFF好\n").Rows[0].Text);
    }

    [Fact]
    public void Read_EmptyAndBlankTexts_AreSkippedAndCounted()
    {
        var file = Read("label,review\n1,\n0,\"  \"\n1,ok\n");

        Assert.Equal(2, file.SkippedEmpty);
        Assert.Equal([new LabeledText("ok", true, 4)], file.Rows);
    }

    [Fact]
    public void Read_LabelNotZeroOrOne_NamesRowAndField()
    {
        var error = Assert.Throws<ScoringInputException>(() => Read("label,review\n1,fine\n2,bad\n"));

        Assert.Equal("input.csv: row 3, field 'label': '2' is not a label; expected 0 or 1.", error.Message);
    }

    [Fact]
    public void Read_MissingLabelField_NamesRowAndField()
    {
        var error = Assert.Throws<ScoringInputException>(() => Read("review,label\nfine,1\nshort\n"));

        Assert.Equal("input.csv: row 3, field 'label': missing; expected 0 or 1.", error.Message);
    }

    [Fact]
    public void Read_MissingColumn_NamesItAndListsTheHeader()
    {
        var error = Assert.Throws<ScoringInputException>(() => Read("label,review\n1,x\n", text: "comment"));

        Assert.Equal("input.csv: no column 'comment' in the header (columns: 'label', 'review').", error.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysSo()
    {
        var error = Assert.Throws<ScoringInputException>(() => Read(""));

        Assert.Contains("empty file", error.Message);
    }

    [Fact]
    public void ReadFile_MissingFile_SaysSo()
    {
        var error = Assert.Throws<ScoringInputException>(() => LabeledCsvReader.ReadFile("/nonexistent/x.csv", "a", "b"));

        Assert.Equal("/nonexistent/x.csv: file not found.", error.Message);
    }

    [Fact]
    public void ReadFile_NotUtf8_SaysSo()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. "review,label\n"u8.ToArray(), 0xC4, 0xE3, (byte)',', (byte)'1', (byte)'\n']);

            var error = Assert.Throws<ScoringInputException>(() => LabeledCsvReader.ReadFile(path, "review", "label"));

            Assert.EndsWith("not valid UTF-8.", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
