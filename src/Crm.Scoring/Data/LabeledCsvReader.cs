using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Scoring.Data;

/// <summary>
/// Reads a labelled-text CSV (UTF-8, RFC 4180, header row, BOM allowed) into <see cref="LabeledText"/>s.
/// Labels must be 0 or 1; rows whose text is empty or blank are skipped and counted, never guessed.
/// </summary>
public static class LabeledCsvReader
{
    public static LabeledCsvFile ReadFile(string path, string textColumn, string labelColumn)
    {
        if (!File.Exists(path))
        {
            throw new ScoringInputException($"{path}: file not found.");
        }

        // detectEncodingFromByteOrderMarks drops a UTF-8 BOM before the header.
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            return Read(reader, textColumn, labelColumn, path);
        }
        catch (DecoderFallbackException)
        {
            throw new ScoringInputException($"{path}: not valid UTF-8.");
        }
    }

    public static LabeledCsvFile Read(TextReader reader, string textColumn, string labelColumn, string source)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new ScoringInputException($"{source}: empty file, expected a header row with columns '{textColumn}' and '{labelColumn}'.");
        }

        var textIndex = ColumnIndex(header, textColumn, source);
        var labelIndex = ColumnIndex(header, labelColumn, source);
        var rows = new List<LabeledText>();
        var skipped = 0;
        var row = 1;
        while (csv.Read())
        {
            row++;
            var text = Field(csv, textIndex);
            var label = Field(csv, labelIndex)?.Trim();
            if (string.IsNullOrWhiteSpace(text))
            {
                skipped++;
                continue;
            }

            rows.Add(new LabeledText(TextNormalizer.StripInvisible(text), label switch
            {
                "1" => true,
                "0" => false,
                null => throw new ScoringInputException($"{source}: row {row}, field '{labelColumn}': missing; expected 0 or 1."),
                _ => throw new ScoringInputException($"{source}: row {row}, field '{labelColumn}': '{Shorten(label)}' is not a label; expected 0 or 1."),
            }, row));
        }

        return new LabeledCsvFile(rows, skipped);
    }

    private static int ColumnIndex(string[] header, string column, string source)
    {
        var index = Array.FindIndex(header, h => string.Equals(TextNormalizer.StripInvisible(h).Trim(), column, StringComparison.Ordinal));
        return index >= 0
            ? index
            : throw new ScoringInputException($"{source}: no column '{column}' in the header (columns: {string.Join(", ", header.Select(h => $"'{h}'"))}).");
    }

    private static string? Field(CsvReader csv, int index) => index < csv.Parser.Count ? csv.Parser[index] : null;

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}

/// <summary>The rows read from one file and how many were skipped for an empty text.</summary>
public sealed record LabeledCsvFile(IReadOnlyList<LabeledText> Rows, int SkippedEmpty);
