using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Cli.Surveys;

/// <summary>
/// Reads an import file: CSV (a header row; columns responseId, customerId, email, phone, answeredAt, version, csat,
/// nps, reason, comment, and one "dim.&lt;key&gt;" column per rated dimension) or JSON (an array of objects with the same
/// fields, dimensions as an object). Every row is checked for shape here; the server checks the rest.
/// </summary>
public static class ImportFile
{
    public const string DimensionPrefix = "dim.";

    private static readonly string[] Known = ["responseid", "customerid", "email", "phone", "answeredat", "version", "csat", "nps", "reason", "comment"];

    public static async Task<(List<ImportRow> Rows, List<ImportProblem> Problems)> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return ([], [new ImportProblem(0, "file", $"'{file.FullName}' does not exist.")]);
        }

        return file.Extension.ToLowerInvariant() switch
        {
            ".csv" => await ReadCsvAsync(file, cancellationToken),
            ".json" => await ReadJsonAsync(file, cancellationToken),
            _ => ([], [new ImportProblem(0, "file", "A .csv or .json file.")]),
        };
    }

    private static async Task<(List<ImportRow>, List<ImportProblem>)> ReadCsvAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return (rows, [new ImportProblem(1, "header", "The file is empty; the first line names the columns.")]);
        }

        var header = csv.HeaderRecord!;
        foreach (var column in header.Where(h => !Known.Contains(h.ToLowerInvariant()) && !h.StartsWith(DimensionPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new ImportProblem(1, column, $"Unknown column; the columns are {string.Join(", ", Known)} and dim.<dimension key>."));
        }

        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            var rowProblems = new List<ImportProblem>();
            string? Text(string name) => header.FirstOrDefault(h => h.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } h && csv.GetField(h) is { Length: > 0 } v ? v : null;
            int? Number(string name)
            {
                var text = Text(name);
                if (text is null)
                {
                    return null;
                }

                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                rowProblems.Add(new ImportProblem(line, name, $"'{text}' is not a whole number."));
                return null;
            }

            DateTimeOffset? answeredAt = null;
            if (Text("answeredAt") is { } at)
            {
                if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    answeredAt = parsed;
                }
                else
                {
                    rowProblems.Add(new ImportProblem(line, "answeredAt", $"'{at}' is not a date and time (ISO 8601, e.g. 2026-11-30T14:05:00+08:00)."));
                }
            }

            var dimensions = new Dictionary<string, int>();
            foreach (var column in header.Where(h => h.StartsWith(DimensionPrefix, StringComparison.OrdinalIgnoreCase)))
            {
                if (Number(column) is { } rating)
                {
                    dimensions[column[DimensionPrefix.Length..]] = rating;
                }
            }

            var row = new ImportRow(Text("responseId"), Text("customerId"), Text("email"), Text("phone"), answeredAt, Number("version"), Number("csat"),
                dimensions.Count > 0 ? dimensions : null, Number("nps"), Text("reason"), Text("comment")) { Line = line };
            problems.AddRange(rowProblems);
            problems.AddRange(Check(row));
            rows.Add(row);
        }

        return (rows, problems);
    }

    private static async Task<(List<ImportRow>, List<ImportProblem>)> ReadJsonAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        await using var stream = file.OpenRead();
        long index = 0;
        try
        {
            await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable<ImportRow>(stream, Api.CrmApiClient.Json, cancellationToken))
            {
                // JSON rows are numbered by their place in the array, from 1.
                index++;
                if (row is null)
                {
                    problems.Add(new ImportProblem(index, "row", "null is not a response."));
                    continue;
                }

                var numbered = row with { Line = index };
                problems.AddRange(Check(numbered));
                rows.Add(numbered);
            }
        }
        catch (JsonException ex)
        {
            problems.Add(new ImportProblem(index + 1, ex.Path ?? "row", $"Not valid JSON here: {ex.Message}"));
        }

        return (rows, problems);
    }

    /// <summary>The shape every row needs before the server sees it.</summary>
    private static IEnumerable<ImportProblem> Check(ImportRow row)
    {
        var named = new[] { row.CustomerId, row.Email, row.Phone }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (named != 1)
        {
            yield return new ImportProblem(row.Line, "customerId", "Name the customer by exactly one of customerId, email or phone.");
        }

        if (row.AnsweredAt is null)
        {
            yield return new ImportProblem(row.Line, "answeredAt", "Required.");
        }

        if (row.Csat is null)
        {
            yield return new ImportProblem(row.Line, "csat", "Required: 1 to 5.");
        }
        else if (row.Csat is < 1 or > 5)
        {
            yield return new ImportProblem(row.Line, "csat", $"{row.Csat} is not 1 to 5.");
        }

        if (row.Nps is < 0 or > 10)
        {
            yield return new ImportProblem(row.Line, "nps", $"{row.Nps} is not 0 to 10.");
        }
    }
}
