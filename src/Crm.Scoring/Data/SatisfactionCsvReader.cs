using System.Globalization;
using System.Text;
using Crm.Scoring.Satisfaction;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Scoring.Data;

/// <summary>
/// Reads satisfaction training data from CSV: an optional comment column, a 0/1 label (1 = satisfied), numeric
/// columns (an empty field is missing) and categorical columns. Errors name the file, row and field.
/// </summary>
public static class SatisfactionCsvReader
{
    public static IReadOnlyList<SatisfactionRecord> ReadFile(string path, string? textColumn, string labelColumn,
        IReadOnlyList<string> numericColumns, IReadOnlyList<string> categoricalColumns)
    {
        if (!File.Exists(path))
        {
            throw new ScoringInputException($"{path}: file not found.");
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(reader, textColumn, labelColumn, numericColumns, categoricalColumns, path);
    }

    public static IReadOnlyList<SatisfactionRecord> Read(TextReader reader, string? textColumn, string labelColumn,
        IReadOnlyList<string> numericColumns, IReadOnlyList<string> categoricalColumns, string source)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new ScoringInputException($"{source}: empty file, expected a header row.");
        }

        int Index(string column) => Array.FindIndex(header, h => TextNormalizer.StripInvisible(h).Trim() == column) is var i and >= 0
            ? i
            : throw new ScoringInputException($"{source}: no column '{column}' in the header (columns: {string.Join(", ", header.Select(h => $"'{h}'"))}).");
        var text = textColumn is null ? -1 : Index(textColumn);
        var label = Index(labelColumn);
        var numeric = numericColumns.Select(c => (Name: c, Index: Index(c))).ToArray();
        var categorical = categoricalColumns.Select(c => (Name: c, Index: Index(c))).ToArray();
        var records = new List<SatisfactionRecord>();
        var row = 1;
        while (csv.Read())
        {
            row++;
            string Field(int i) => i < csv.Parser.Count ? csv.Parser[i] : string.Empty;
            var satisfied = Field(label).Trim() switch
            {
                "1" => true,
                "0" => false,
                var other => throw new ScoringInputException($"{source}: row {row}, field '{labelColumn}': '{other}' is not a label; expected 0 or 1."),
            };
            var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, index) in numeric)
            {
                var value = Field(index).Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                numbers[name] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? number
                    : throw new ScoringInputException($"{source}: row {row}, field '{name}': '{value}' is not a number.");
            }

            var categories = categorical.Where(c => Field(c.Index).Trim().Length > 0)
                .ToDictionary(c => c.Name, c => Field(c.Index).Trim(), StringComparer.Ordinal);
            var comment = text < 0 ? null : Field(text);
            records.Add(new SatisfactionRecord(string.IsNullOrWhiteSpace(comment) ? null : TextNormalizer.StripInvisible(comment), numbers, categories, satisfied));
        }

        return records;
    }
}
