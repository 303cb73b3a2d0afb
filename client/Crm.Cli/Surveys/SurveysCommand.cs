using System.CommandLine;
using System.Text.RegularExpressions;
using Crm.Cli.Api;
using Crm.Reporting.Imports;
using Spectre.Console;

namespace Crm.Cli.Surveys;

/// <summary>
/// <c>crm surveys import</c>: reads the whole file and checks every row, then has the server check every batch (dry
/// run), and only when nothing is wrong sends the batches for real, with a progress bar. Every bad row is reported with
/// its line and field; a file with any bad row writes nothing. Response ids come from the rows' content (or their
/// responseId), so importing the same file again adds nothing.
/// </summary>
public static partial class SurveysCommand
{
    public const int BatchSize = 1000;

    /// <summary>
    /// Rows per request when writing: the results grain queues a request's rows with one state write and answers, then
    /// applies them a table transaction (at most 100 rows) at a time, so 100 rows make one queued batch and one step of
    /// each kind; a survey whose queue is full answers 503 with Retry-After at once, and the batch is sent again.
    /// </summary>
    public const int WriteBatchSize = 100;

    /// <summary>A request's rows as JSON at most this big: the API refuses bodies over 256 KiB (long comments fill it before 1,000 rows do).</summary>
    public const int BatchBytes = 192 * 1024;

    public static Command Create(ConnectionOptions connection)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var survey = new Option<string>("--survey") { Description = "The survey the responses answer.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "A .csv or .json file of responses (format: docs/surveys.md).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the whole file and report; write nothing." };
        var import = new Command("import", "Imports survey responses from a CSV or JSON file; idempotent, all or nothing.") { tenant, survey, file, dryRun };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            return await ImportAsync(api, parse.GetValue(tenant)!, parse.GetValue(survey)!, parse.GetValue(file)!, parse.GetValue(dryRun), parse.InvocationConfiguration.Output, cancellationToken);
        });
        return new Command("surveys", "Satisfaction surveys.") { import };
    }

    public static async Task<int> ImportAsync(CrmApiClient api, string tenant, string survey, FileInfo file, bool dryRun, TextWriter output, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var (rows, problems) = await SurveyImportFile.ReadAsync(file, cancellationToken);
        if (problems.Count == 0)
        {
            rows = await ResolveCustomersAsync(api, tenant, survey, rows, console, cancellationToken);
            problems = await CheckOnServerAsync(api, tenant, survey, rows, console, cancellationToken);
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems.OrderBy(p => p.Line))
            {
                console.WriteLine(problem.ToString());
            }

            console.MarkupLineInterpolated($"[red]{problems.Select(p => p.Line).Distinct().Count()} bad rows in {file.Name}; nothing was imported.[/]");
            return 1;
        }

        if (dryRun)
        {
            console.MarkupLineInterpolated($"{rows.Count} rows checked; no problems. Dry run: nothing was imported.");
            return 0;
        }

        int added = 0, already = 0;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Importing {file.Name}", maxValue: rows.Count);
            foreach (var batch in Batches(rows, WriteBatchSize))
            {
                var (result, errors) = await api.RecordSurveyResponsesAsync(tenant, survey, [.. batch.Select(r => r.Row)], dryRun: false, cancellationToken, Retrying(task));
                if (result is null)
                {
                    // Checked a moment ago: only a concurrent change (a survey edit, an erased customer) gets here.
                    throw new CrmApiException($"The server refused a batch it had accepted in the check: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
                }

                added += result.Added;
                already += result.AlreadyRecorded;
                task.Description = $"Importing {file.Name}";
                task.Increment(batch.Length);
            }
        });
        console.MarkupLineInterpolated($"{rows.Count} rows: {added} responses added, {already} already recorded.");
        return 0;
    }

    private static async Task<List<ImportProblem>> CheckOnServerAsync(
        CrmApiClient api, string tenant, string survey, List<ImportRow> rows, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var problems = new List<ImportProblem>();
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Checking", maxValue: rows.Count);
            foreach (var batch in Batches(rows))
            {
                var (_, errors) = await api.RecordSurveyResponsesAsync(tenant, survey, [.. batch.Select(r => r.Row)], dryRun: true, cancellationToken, Retrying(task));
                foreach (var (field, messages) in errors)
                {
                    var match = RowField().Match(field);
                    var (line, name) = match.Success ? (batch[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Line, match.Groups[2].Value) : (0L, field);
                    problems.AddRange(messages.Select(m => new ImportProblem(line, name, m)));
                }

                task.Description = "Checking";
                task.Increment(batch.Length);
            }
        });
        return problems;
    }

    /// <summary>Names per lookup request: half the server's bound, so a request's lookups fit its time on a loaded cluster.</summary>
    public const int LookupBatchSize = 100;

    /// <summary>
    /// Looks each distinct customer the file names by platform id, email or phone up once, before the first batch, and
    /// rewrites those rows to name their customer by id: the batches then wait on no lookup (before, each request looked
    /// its names up again, and first lookups timed out under load). The response ids do not change (they are derived
    /// from the customer id, not from how the row named it). A name that does not resolve keeps its row as it was, so
    /// the server's check reports that row with its line and field.
    /// </summary>
    private static async Task<List<ImportRow>> ResolveCustomersAsync(
        CrmApiClient api, string tenant, string survey, List<ImportRow> rows, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var names = rows.Select(r => Name(r.Row)).OfType<(string Field, string Value)>().Distinct().ToList();
        if (names.Count == 0)
        {
            return rows;
        }

        var ids = new Dictionary<(string Field, string Value), string>();
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Looking up customers", maxValue: names.Count);
            foreach (var part in names.Chunk(LookupBatchSize))
            {
                var matches = await api.LookupSurveyCustomersAsync(tenant, survey, [.. part.Select(n => new Dictionary<string, string> { [n.Field] = n.Value })], cancellationToken, Retrying(task));
                foreach (var (name, match) in part.Zip(matches))
                {
                    if (match.CustomerId is { } id)
                    {
                        ids[name] = id;
                    }
                }

                task.Description = "Looking up customers";
                task.Increment(part.Length);
            }
        });
        return [.. rows.Select(r => Name(r.Row) is { } name && ids.TryGetValue(name, out var id)
            ? r with { Row = r.Row with { CustomerId = id, PlatformId = null, Email = null, Phone = null } }
            : r)];
    }

    /// <summary>How a row names its customer when not by id (and by exactly one field): the field and the trimmed value.</summary>
    private static (string Field, string Value)? Name(Contracts.Surveys.ResponseRow row) =>
        row.CountCustomerNames() != 1 || !string.IsNullOrWhiteSpace(row.CustomerId) ? null
        : !string.IsNullOrWhiteSpace(row.PlatformId) ? ("platformId", row.PlatformId.Trim())
        : !string.IsNullOrWhiteSpace(row.Email) ? ("email", row.Email.Trim())
        : ("phone", row.Phone!.Trim());

    /// <summary>The progress line says when the server was busy and the request is sent again (it is safe to repeat).</summary>
    private static Action<int, TimeSpan> Retrying(ProgressTask task)
    {
        var what = task.Description;
        return (attempt, wait) => task.Description = $"{what} (server busy: retrying in {wait.TotalSeconds:0} s, try {attempt + 1})";
    }

    /// <summary>Up to <see cref="BatchSize"/> rows and <see cref="BatchBytes"/> of JSON per request, in file order.</summary>
    public static IEnumerable<ImportRow[]> Batches(IReadOnlyList<ImportRow> rows, int batchSize = BatchSize)
    {
        var batch = new List<ImportRow>();
        var bytes = 0;
        foreach (var row in rows)
        {
            var size = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(row.Row, CrmApiClient.RowsJson).Length + 1;
            if (batch.Count > 0 && (batch.Count == batchSize || bytes + size > BatchBytes))
            {
                yield return [.. batch];
                batch.Clear();
                bytes = 0;
            }

            batch.Add(row);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    [GeneratedRegex(@"^responses\[(\d+)\]\.?(.*)$")]
    private static partial Regex RowField();
}
