namespace Crm.Reporting.Reports;

/// <summary>
/// A report's content, already in its language: sections of paragraphs, tables and charts. The HTML page, the PDF
/// and the CSV files are each a rendering of this one object, so they cannot disagree.
/// </summary>
public sealed record ServiceReport(
    string Title,
    string Language,
    IReadOnlyList<(string Label, string Value)> Header,
    IReadOnlyList<ReportSection> Sections)
{
    public IEnumerable<ReportTable> Tables => Sections.SelectMany(s => s.Tables);

    public ReportTable? Table(string id) => Tables.FirstOrDefault(t => t.Id == id);
}

public sealed record ReportSection(string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<ReportTable> Tables, IReadOnlyList<ReportChart> Charts);

/// <summary>A table; <see cref="Id"/> names its CSV file.</summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows)
{
    /// <summary>A column is numeric when every cell in it is; CSV writes those as invariant numbers.</summary>
    public bool IsNumeric(int column) => Rows.Count > 0 && Rows.All(r => r[column].IsNumeric);
}

/// <summary>A cell as people read it (<see cref="Text"/>, in the report's language) and, for numbers, the number itself.</summary>
public sealed record ReportCell(string Text, decimal? Number = null, bool IsNumeric = false)
{
    public static ReportCell Of(string text) => new(text);

    public static ReportCell Of(string text, decimal? number) => new(text, number, true);

    /// <summary>The value for CSV: the number in the invariant culture, or the text.</summary>
    public string CsvValue => IsNumeric ? Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" : Text;
}

/// <summary>A chart drawn once, as PNG, and placed in both the HTML page and the PDF.</summary>
public sealed record ReportChart(string Id, string Title, byte[] Png, int Width, int Height);
