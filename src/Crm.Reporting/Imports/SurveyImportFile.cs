using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Crm.Contracts.Surveys;

namespace Crm.Reporting.Imports;

/// <summary>
/// Reads an import file: CSV (a header row; columns responseId, customerId, platformId, email, phone, answeredAt, version, csat,
/// nps, reason, comment, and one "dim.&lt;key&gt;" column per rated dimension) or JSON (an array of objects with the same
/// fields, dimensions as an object). Every row is checked for shape here; the server checks the rest. The CLI and the
/// web upload both read files through it, so a file means the same wherever it is imported.
/// </summary>
public static class SurveyImportFile
{
    public const string DimensionPrefix = "dim.";

    private static readonly string[] Known = ["responseid", "customerid", "platformid", "email", "phone", "answeredat", "version", "csat", "nps", "reason", "comment"];

    /// <summary>Rows the JSON reader takes: the API's names (camelCase), enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<(List<ImportRow> Rows, List<ImportProblem> Problems)> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return ([], [new ImportProblem(0, "file", $"'{file.FullName}' does not exist.")]);
        }

        await using var stream = file.OpenRead();
        return await ReadAsync(stream, file.Name, cancellationToken);
    }

    /// <summary>Reads a file by its name's extension (.csv or .json) from a stream, such as an upload.</summary>
    public static async Task<(List<ImportRow> Rows, List<ImportProblem> Problems)> ReadAsync(Stream stream, string fileName, CancellationToken cancellationToken) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => await ReadCsvAsync(stream, cancellationToken),
            ".json" => await ReadJsonAsync(stream, cancellationToken),
            _ => ([], [new ImportProblem(0, "file", "A .csv or .json file.")]),
        };

    private static async Task<(List<ImportRow>, List<ImportProblem>)> ReadCsvAsync(Stream stream, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
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

            var row = new ImportRow(line, new ResponseRow(Text("responseId"), Text("customerId"), Text("email"), Text("phone"), answeredAt, Number("version"), Number("csat"),
                dimensions.Count > 0 ? dimensions.ToImmutableDictionary() : null, Number("nps"), Text("reason"), Text("comment"), Text("platformId")));
            problems.AddRange(rowProblems);
            problems.AddRange(Check(row));
            rows.Add(row);
        }

        return (rows, problems);
    }

    private static async Task<(List<ImportRow>, List<ImportProblem>)> ReadJsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        long index = 0;
        try
        {
            await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable<ResponseRow>(stream, Json, cancellationToken))
            {
                // JSON rows are numbered by their place in the array, from 1.
                index++;
                if (row is null)
                {
                    problems.Add(new ImportProblem(index, "row", "null is not a response."));
                    continue;
                }

                var numbered = new ImportRow(index, row);
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
    private static IEnumerable<ImportProblem> Check(ImportRow numbered)
    {
        var (line, row) = (numbered.Line, numbered.Row);
        if (row.CountCustomerNames() != 1)
        {
            yield return new ImportProblem(line, "customerId", $"Name the customer by exactly one of {ResponseRow.CustomerFields}.");
        }

        if (row.AnsweredAt is null)
        {
            yield return new ImportProblem(line, "answeredAt", "Required.");
        }

        if (row.Csat is null)
        {
            yield return new ImportProblem(line, "csat", "Required: 1 to 5.");
        }
        else if (row.Csat is < 1 or > 5)
        {
            yield return new ImportProblem(line, "csat", $"{row.Csat} is not 1 to 5.");
        }

        if (row.Nps is < 0 or > 10)
        {
            yield return new ImportProblem(line, "nps", $"{row.Nps} is not 0 to 10.");
        }
    }
}
