using System.CommandLine;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Crm.Storage.AzureTables.Backup;
using Crm.Storage.AzureTables.Hosting;
using Spectre.Console;

namespace Crm.Cli.Backup;

/// <summary>
/// <c>crm backup create|restore</c>. Unlike the other commands these read and write table storage directly, not
/// through the front end, on purpose: a restore must run while the product is stopped, and a backup must work when
/// the cluster is down.
/// </summary>
public static class BackupCommand
{
    public const string ConnectionVariable = "CRM_TABLES_CONNECTION";

    public static Command Create()
    {
        var connection = new Option<string>("--connection-string")
        {
            Description = $"Table storage to back up or restore into (default: ${ConnectionVariable}, else Azurite: {TableServiceClientExtensions.DevelopmentConnectionString}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
                ? value
                : TableServiceClientExtensions.DevelopmentConnectionString,
            Recursive = true,
        };
        var output = new Option<string>("--out") { Description = "The backup file to write (.zip).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists." };
        var create = new Command("create", "Backs up every product table into one compressed file with a manifest and checksums.") { output, force };
        create.SetAction((parse, cancellationToken) => RunAsync(parse, connection, (service, blobs, console) =>
            CreateAsync(service, blobs, console, parse.GetValue(output)!, parse.GetValue(force), cancellationToken)));

        var input = new Option<string>("--in") { Description = "The backup file to restore.", Required = true };
        var restore = new Command("restore", "Checks a backup file, then restores it into empty storage. Stop the product (silo) first.") { input };
        restore.SetAction((parse, cancellationToken) => RunAsync(parse, connection, (service, blobs, console) =>
            RestoreAsync(service, blobs, console, parse.GetValue(input)!, cancellationToken)));

        return new Command(
            "backup",
            "Backs up and restores everything the product stores. Talks to table storage directly, not to the front end: " +
            "a restore must run while the product is stopped, and a backup must work when the cluster is down.")
        {
            connection, create, restore,
        };
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<string> connection, Func<TableServiceClient, BlobServiceClient?, IAnsiConsole, Task<int>> action)
    {
        // Colours and live bars only on a real console; redirected output (tests, logs) gets plain text.
        var writer = parse.InvocationConfiguration.Output;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = ReferenceEquals(writer, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(writer, Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var error = parse.InvocationConfiguration.Error;
        TableServiceClient service;
        try
        {
            service = new TableServiceClient(parse.GetValue(connection));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: --connection-string is not a valid table storage connection string: {ex.Message}");
            return 1;
        }

        try
        {
            return await action(service, Blobs(parse.GetValue(connection)!, console), console);
        }
        catch (Exception ex) when (ex is BackupFormatException or RestoreRefusedException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (RequestFailedException ex)
        {
            await error.WriteLineAsync($"error: table storage refused the request ({ex.Status} {ex.ErrorCode}): {FirstLine(ex.Message)}");
            return 1;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            await error.WriteLineAsync($"error: table storage could not be reached: {FirstLine(ex.InnerExceptions[^1].Message)}");
            return 1;
        }
    }

    /// <summary>The same account's blob service (finished reports and any other product container), when the connection string names one.</summary>
    private static BlobServiceClient? Blobs(string connectionString, IAnsiConsole console)
    {
        try
        {
            return new BlobServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            console.MarkupLine("[yellow]warning:[/] the connection string names no blob service; blob containers are left out.");
            return null;
        }
    }

    private static async Task<int> CreateAsync(TableServiceClient service, BlobServiceClient? blobs, IAnsiConsole console, string path, bool force, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!force && File.Exists(full))
        {
            throw new IOException($"--out: {full} already exists; pass --force to overwrite it.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new IOException($"--out: folder {Path.GetDirectoryName(full)} does not exist.");
        }

        BackupManifest manifest = null!;
        await console.Progress().StartAsync(async context =>
        {
            var bars = new ProgressBars(context, total => total is null);
            manifest = await BackupFile.CreateAsync(service, full, force, bars, blobs, cancellationToken);
        });

        foreach (var table in manifest.Tables.Where(t => !t.Consistent))
        {
            console.MarkupLineInterpolated(
                $"[yellow]warning:[/] table {table.Name} changed during each of {table.ScanPasses} scans; its rows may be from different moments. Stop the product for a consistent backup.");
        }

        console.MarkupLineInterpolated($"Backed up [bold]{manifest.Tables.Sum(t => t.Rows)}[/] rows from [bold]{manifest.Tables.Count}[/] tables and [bold]{manifest.Blobs.Count}[/] blobs to [bold]{full}[/].");
        return 0;
    }

    private static async Task<int> RestoreAsync(TableServiceClient service, BlobServiceClient? blobs, IAnsiConsole console, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new IOException($"--in: backup file {full} does not exist.");
        }

        BackupManifest manifest = null!;
        await using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await console.Progress().StartAsync(async context =>
        {
            var bars = new ProgressBars(context, _ => false);
            manifest = await TableRestore.RestoreAsync(service, stream, bars, blobs, cancellationToken);
        });

        console.MarkupLineInterpolated(
            $"Restored [bold]{manifest.Tables.Sum(t => t.Rows)}[/] rows into [bold]{manifest.Tables.Count}[/] tables and [bold]{manifest.Blobs.Count}[/] blobs from the backup of {manifest.CreatedAt:u}.");
        return 0;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>One progress bar per table, created as the table's first report arrives.</summary>
    private sealed class ProgressBars(ProgressContext context, Func<long?, bool> indeterminate) : IProgress<BackupProgress>
    {
        private readonly Dictionary<string, ProgressTask> _bars = [];

        public void Report(BackupProgress value)
        {
            if (!_bars.TryGetValue(value.Table, out var bar))
            {
                bar = context.AddTask(value.Table);
                _bars[value.Table] = bar;
            }

            bar.Description = value.Pass > 1 ? $"{value.Table} (scan {value.Pass})" : value.Table;
            bar.IsIndeterminate = !value.Done && indeterminate(value.TotalRows);
            bar.MaxValue = Math.Max(1, value.TotalRows ?? value.Rows);
            bar.Value = value.Done && value.Rows == 0 ? bar.MaxValue : value.Rows;
        }
    }
}
