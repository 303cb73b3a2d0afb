using System.Collections.Concurrent;
using System.Globalization;
using Crm.Contracts.Scoring;
using Crm.Grains.Surveys;
using Crm.Scoring;
using Crm.Scoring.Data;
using Crm.Scoring.Evaluation;
using Crm.Scoring.Models;
using Crm.Scoring.Sentiment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grains.Scoring;

/// <summary>A training the tenant's model grain asked for; <see cref="Rows"/> is an uploaded file's, null for the survey responses.</summary>
public sealed record TrainingRequest(string TenantId, TrainingJobView Job, IReadOnlyList<LabeledText>? Rows, string? FileName);

/// <summary>
/// Runs trainings for the model grains of this silo, on the thread pool. Why not in the grain: training is seconds to
/// minutes of CPU, and a grain busy that long would answer nobody (not even the job's status) and hold its scheduler;
/// STYLE.md's "no Task.Run in grains" is kept by doing it here, outside any grain, and reporting back by a grain call.
/// </summary>
public sealed partial class ModelTrainingRunner(
    IGrainFactory grains,
    ISurveyResponseStore responses,
    IModelStore store,
    ModelServingLoader serving,
    IOptions<ModelTrainingOptions> options,
    TimeProvider time,
    ILogger<ModelTrainingRunner> log)
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    /// <summary>Whether this silo is still running the job (a job the grain thinks runs but no silo does was interrupted).</summary>
    public bool IsRunning(string jobId) => _running.ContainsKey(jobId);

    public void Start(TrainingRequest request)
    {
        // Marked running before it starts, so a quick job cannot finish before it is known to run.
        _running[request.Job.JobId] = 0;
        _ = Task.Run(() => RunAsync(request));
    }

    private async Task RunAsync(TrainingRequest request)
    {
        TrainingJobView finished;
        try
        {
            finished = await TrainAsync(request);
        }
        catch (Exception ex)
        {
            LogTrainingFailed(ex, request.TenantId, request.Job.JobId);
            finished = request.Job with { Status = TrainingJobStatus.Failed, FinishedAt = time.GetUtcNow(), Message = "Training failed; see the silo log. Start it again." };
        }

        try
        {
            await grains.GetGrain<ITenantModelGrain>(ModelKey.Format(request.TenantId, ScoringNames.CommentSentiment)).CompleteAsync(finished);
        }
        catch (Exception ex)
        {
            LogReportFailed(ex, request.TenantId, request.Job.JobId);
        }
        finally
        {
            _running.TryRemove(request.Job.JobId, out _);
        }
    }

    private async Task<TrainingJobView> TrainAsync(TrainingRequest request)
    {
        var job = request.Job;
        var settings = options.Value;
        var (rows, from, to) = request.Rows is { } uploaded
            ? (uploaded, null, null)
            : await SurveyTrainingData.ReadAsync(grains, responses, request.TenantId, CancellationToken.None);
        var satisfied = rows.Count(r => r.Positive);
        if (settings.Settings.CheckTrainingData(satisfied, rows.Count - satisfied) is { } shortfall)
        {
            return job with
            {
                Status = TrainingJobStatus.Refused,
                FinishedAt = time.GetUtcNow(),
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"Too few labelled comments: {rows.Count} ({satisfied} satisfied, {rows.Count - satisfied} dissatisfied); {settings.MinimumLabels} are needed, at least {settings.MinimumPerLabel} of each."),
                MoreLabels = shortfall.MoreLabels,
                MoreSatisfied = shortfall.MoreSatisfied,
                MoreDissatisfied = shortfall.MoreDissatisfied,
            };
        }

        // A stratified held-out split with a fixed seed: the same data gives the same split, the same model and the same figures.
        var fold = FoldSplitter.Assign([.. rows.Select(r => r.Text)], [.. rows.Select(r => r.Positive)], settings.HeldOutFolds, SentimentTraining.Seed);
        var train = rows.Where((_, i) => fold[i] != 0).ToArray();
        var heldOut = rows.Where((_, i) => fold[i] == 0).ToArray();
        var featurization = SentimentOptions.Default;
        var trained = SentimentTraining.Train(train, featurization);
        var actual = heldOut.Select(r => !r.Positive).ToArray();
        var metrics = BinaryMetrics.Compute(actual, trained.Model.ScoreBatch([.. heldOut.Select(r => r.Text)]));

        // Only a scheduled retraining activates by itself, and only if it is not worse than the active model.
        var (comparison, activate) = job.Scheduled ? await CompareWithActiveAsync(request.TenantId, heldOut, actual, metrics) : (null, false);

        using var file = new MemoryStream();
        trained.Model.Save(file);
        var source = request.Rows is null ? "survey responses" : $"uploaded file {request.FileName}";
        var manifest = await store.SaveAsync(request.TenantId, new NewModel(ScoringNames.CommentSentiment, featurization,
            new TrainingData(source, rows.Count, satisfied, from, to), metrics, trained.Elapsed.TotalSeconds, job.StartedBy) { Comparison = comparison },
            file.ToArray());
        if (activate)
        {
            await store.ActivateAsync(request.TenantId, ScoringNames.CommentSentiment, manifest.Version, job.StartedBy);
            serving.Request(request.TenantId);
        }

        return job with
        {
            Status = TrainingJobStatus.Succeeded,
            FinishedAt = time.GetUtcNow(),
            Version = manifest.Version,
            Activated = activate,
            Message = comparison switch
            {
                null => activate ? "Activated: the tenant had no active model." : null,
                { Activated: true } => $"Activated: not worse than v{comparison.ActiveVersion} on the same held-out rows.",
                _ => $"Not activated: worse than the active v{comparison.ActiveVersion} on the same held-out rows.",
            },
        };
    }

    /// <summary>
    /// Scores the new model's held-out rows with the active model: the new one is activated only if its AUC is not lower.
    /// The active model may have trained on some of these rows, which flatters it: the comparison errs on keeping it.
    /// </summary>
    private async Task<(ModelComparison? Comparison, bool Activate)> CompareWithActiveAsync(string tenantId, LabeledText[] heldOut, bool[] actual, BinaryMetrics metrics)
    {
        var (activation, _) = await store.GetActivationAsync(tenantId, ScoringNames.CommentSentiment);
        if (activation.Active is not { } version || await store.GetAsync(tenantId, ScoringNames.CommentSentiment, version) is not { } active)
        {
            return (null, true);
        }

        var model = SentimentModel.Load(new MemoryStream(await store.ReadModelAsync(active)), active.Options);
        var activeMetrics = BinaryMetrics.Compute(actual, model.ScoreBatch([.. heldOut.Select(r => r.Text)]));
        var notWorse = double.IsNaN(activeMetrics.Auc) || metrics.Auc >= activeMetrics.Auc;
        return (new ModelComparison(version, activeMetrics, notWorse), notWorse);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobId} of tenant {TenantId} failed.")]
    private partial void LogTrainingFailed(Exception exception, string tenantId, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobId} of tenant {TenantId} finished but its grain could not be told.")]
    private partial void LogReportFailed(Exception exception, string tenantId, string jobId);
}
