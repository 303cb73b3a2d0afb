using System.CommandLine;
using System.Globalization;
using Crm.Cli.Api;
using Crm.Contracts.Scoring;

namespace Crm.Cli.Model;

/// <summary>
/// <c>crm model train|list|activate|rollback|retraining --tenant T</c>: a tenant's comment-sentiment models through
/// the front end's API, so the CLI obeys the same permissions and leaves the same audit as the API and the page.
/// </summary>
public static class ModelOperationsCommands
{
    /// <summary>Exit code when a training was refused (too few labels) or failed.</summary>
    public const int NotTrained = 3;

    private static Option<string> Tenant() => new("--tenant") { Description = "The tenant id.", Required = true };

    public static Command Train(ConnectionOptions connection)
    {
        var tenant = Tenant();
        var file = new Option<string?>("--file") { Description = "Train on this labelled CSV (UTF-8, header row) instead of the tenant's rated survey comments." };
        var text = new Option<string>("--text") { Description = "With --file: the text column.", DefaultValueFactory = _ => "text" };
        var label = new Option<string>("--label") { Description = "With --file: the 0/1 label column (1 = satisfied).", DefaultValueFactory = _ => "label" };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id and return at once instead of waiting for it to finish." };
        var command = new Command("train", "Trains a new comment-sentiment version (stored, not activated) and waits for the job; exit code 3 if it was refused or failed.")
        {
            tenant, file, text, label, noWait,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            var tenantId = parse.GetValue(tenant)!;
            var output = parse.InvocationConfiguration.Output;
            var job = parse.GetValue(file) is { } path
                ? await api.TrainModelFromFileAsync(tenantId, await File.ReadAllTextAsync(path, cancellationToken), parse.GetValue(text)!, parse.GetValue(label)!, cancellationToken)
                : await api.TrainModelAsync(tenantId, cancellationToken);
            output.WriteLine($"Training job {job.JobId} started.");
            if (parse.GetValue(noWait))
            {
                return 0;
            }

            while (job.Status == TrainingJobStatus.Running)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                job = await api.GetTrainingJobAsync(tenantId, job.JobId, cancellationToken);
            }

            output.WriteLine(job.Status switch
            {
                TrainingJobStatus.Succeeded => $"Stored {ModelKey.CommentSentiment}/v{job.Version}{(job.Activated ? " and activated it" : "; activate it with crm model activate")}.",
                TrainingJobStatus.Refused => $"Refused: {job.Message} ({job.MoreLabels} more labelled comments needed: {job.MoreSatisfied} satisfied, {job.MoreDissatisfied} dissatisfied.)",
                _ => $"Failed: {job.Message}",
            });
            return job.Status == TrainingJobStatus.Succeeded ? 0 : NotTrained;
        });
        return command;
    }

    public static Command List(ConnectionOptions connection)
    {
        var tenant = Tenant();
        var command = new Command("list", "Lists the tenant's model versions, newest first, with their held-out metrics; * marks the active one.") { tenant };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            Print(parse.InvocationConfiguration.Output, await api.ListModelsAsync(parse.GetValue(tenant)!, cancellationToken));
            return 0;
        });
        return command;
    }

    public static Command Activate(ConnectionOptions connection)
    {
        var tenant = Tenant();
        var version = new Option<int>("--version") { Description = "The version number to activate.", Required = true };
        var command = new Command("activate", "Makes a stored version the one that scores the tenant's texts (every silo within 30 s).") { tenant, version };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            Print(parse.InvocationConfiguration.Output, await api.ActivateModelAsync(parse.GetValue(tenant)!, parse.GetValue(version), cancellationToken));
            return 0;
        });
        return command;
    }

    public static Command RollBack(ConnectionOptions connection)
    {
        var tenant = Tenant();
        var command = new Command("rollback", "Returns to the version that was active before the current one.") { tenant };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            Print(parse.InvocationConfiguration.Output, await api.RollBackModelAsync(parse.GetValue(tenant)!, cancellationToken));
            return 0;
        });
        return command;
    }

    public static Command Retraining(ConnectionOptions connection)
    {
        var tenant = Tenant();
        var schedule = new Option<RetrainingSchedule>("--schedule") { Description = "Off, Weekly or Monthly.", Required = true };
        var command = new Command("retraining", "Sets scheduled retraining; a scheduled model is activated only if it is not worse than the active one.") { tenant, schedule };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            Print(parse.InvocationConfiguration.Output, await api.SetModelRetrainingAsync(parse.GetValue(tenant)!, parse.GetValue(schedule), cancellationToken));
            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, ModelListView list)
    {
        output.WriteLine(list.ActiveVersion is { } active
            ? $"Active: {list.Kind}/v{active}; retraining: {list.Retraining}."
            : $"No active model: the lexicon rule scores; retraining: {list.Retraining}.");
        foreach (var v in list.Versions)
        {
            var m = v.Metrics;
            var comparison = v.ComparedWithVersion is { } c
                ? $"  (vs v{c}: AUC {F(v.ComparedMetrics?.Auc)}, {(v.ActivatedAutomatically == true ? "activated" : "kept v" + c)})"
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(v.Active ? "*" : " ")} v{v.Version}  {v.CreatedAt:yyyy-MM-dd HH:mm}Z  {v.CreatedBy}  {v.Rows} rows ({v.DataSource})  accuracy {F(m?.Accuracy)}  macro-F1 {F(m?.MacroF1)}  AUC {F(m?.Auc)} on {m?.HeldOutRows ?? 0} held out{comparison}"));
        }
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
