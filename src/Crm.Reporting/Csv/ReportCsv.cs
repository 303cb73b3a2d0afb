using Crm.Reporting.Reports;

namespace Crm.Reporting.Csv;

/// <summary>Each table of a report as its own CSV: numbers in the invariant culture, headers in the report's language.</summary>
public static class ReportCsv
{
    public static async Task WriteAsync(Stream output, ReportTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.Select((c, i) => new CsvColumn(c, table.IsNumeric(i) ? CsvColumnKind.Number : CsvColumnKind.Text)).ToList();
        var rows = table.Rows.Select(r => (IReadOnlyList<string?>)r.Select(c => (string?)c.CsvValue).ToList());
        await CsvExport.WriteAsync(output, columns, rows, cancellationToken);
    }

    public static async Task<byte[]> ToBytesAsync(ReportTable table, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(buffer, table, cancellationToken);
        return buffer.ToArray();
    }
}
