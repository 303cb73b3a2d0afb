using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Reporting.Csv;

/// <summary>
/// Writes report rows as CSV that is safe to open in a spreadsheet: CsvHelper's injection escaping (OWASP's
/// advice) puts a single quote before any text cell starting with = + - @ tab or carriage return, so a customer
/// who types "=HYPERLINK(...)" into a note never gets a formula run on an analyst's machine. RFC 4180 quoting
/// keeps commas, quotes and line breaks inside cells.
/// </summary>
public static class CsvExport
{
    // Excel reads a CSV without a byte-order mark as the machine's ANSI code page, which garbles Chinese text; the
    // UTF-8 BOM makes it read UTF-8. Other readers (CsvHelper, pandas, LibreOffice) skip the BOM.
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static Task WriteAsync(
        Stream output, IReadOnlyList<CsvColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default) =>
        WriteAsync(output, columns, ToAsync(rows), cancellationToken);

    /// <summary>Writes the header row and then each row; <paramref name="output"/> is flushed and left open.</summary>
    public static async Task WriteAsync(
        Stream output, IReadOnlyList<CsvColumn> columns, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0)
        {
            throw new ArgumentException("An export needs at least one column.", nameof(columns));
        }

        var text = new StreamWriter(output, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await using (text.ConfigureAwait(false))
        {
            var csv = new NumberTrustingCsvWriter(text);
            await using (csv.ConfigureAwait(false))
            {
                foreach (var column in columns)
                {
                    csv.WriteTextField(column.Header);
                }

                await csv.NextRecordAsync().ConfigureAwait(false);
                var line = 1;
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    line++;
                    if (row is null || row.Count != columns.Count)
                    {
                        throw new ArgumentException($"Row {line} has {row?.Count ?? 0} cells; the export has {columns.Count} columns.", nameof(rows));
                    }

                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (columns[i].Kind == CsvColumnKind.Number)
                        {
                            csv.WriteNumberField(row[i], columns[i].Header, line);
                        }
                        else
                        {
                            csv.WriteTextField(row[i]);
                        }
                    }

                    await csv.NextRecordAsync().ConfigureAwait(false);
                }

                await csv.FlushAsync().ConfigureAwait(false);
            }
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> ToAsync(IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>CsvHelper's writer with injection escaping on, skipped only for cells checked to be plain numbers.</summary>
    private sealed class NumberTrustingCsvWriter(TextWriter writer) : CsvWriter(writer, EscapingConfiguration)
    {
        private static readonly CsvConfiguration EscapingConfiguration = new(CultureInfo.InvariantCulture)
        {
            InjectionOptions = InjectionOptions.Escape,
            // An empty cell is written as "", so a one-column row never becomes a blank line that readers skip.
            ShouldQuote = args => string.IsNullOrEmpty(args.Field) || ConfigurationFunctions.ShouldQuote(args),
        };

        private bool _isCheckedNumber;

        public void WriteTextField(string? value) => WriteField(value ?? "");

        public void WriteNumberField(string? value, string column, int line)
        {
            if (string.IsNullOrEmpty(value))
            {
                WriteField("");
                return;
            }

            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"Row {line}, column '{column}': '{value}' is not a number written in the invariant culture.");
            }

            _isCheckedNumber = true;
            try
            {
                WriteField(value);
            }
            finally
            {
                _isCheckedNumber = false;
            }
        }

        protected override string? SanitizeForInjection(string? field) =>
            _isCheckedNumber ? field : base.SanitizeForInjection(field);
    }
}
