using System.Globalization;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Scoring;
using Crm.Scoring;
using Crm.Scoring.Data;
using Crm.Scoring.Models;
using Microsoft.Extensions.Options;

namespace Crm.Grains.Scoring;

/// <summary>
/// A tenant's comment-sentiment models as an operation: one training at a time, started here and run by the silo's
/// <see cref="ModelTrainingRunner"/> off the request; activate and roll back in the shared <see cref="IModelStore"/>
/// (every silo's <see cref="ModelServingLoader"/> then serves it); scheduled retraining on a daily reminder.
/// </summary>
public sealed class TenantModelGrain(
    [PersistentState("tenant-models", CrmStorage.Name)] IPersistentState<TenantModelState> state,
    IModelStore store,
    ModelTrainingRunner runner,
    ModelServingLoader serving,
    IOptions<ModelTrainingOptions> options,
    TimeProvider time) : Grain, ITenantModelGrain, IRemindable
{
    private const string RetrainReminder = "retrain";

    /// <summary>The actor recorded for what the schedule does on its own.</summary>
    public const string ScheduleActor = "scheduled-retraining";

    private string TenantId => ModelKey.Parse(this.GetPrimaryKeyString()).TenantId;

    private string Kind => ModelKey.Parse(this.GetPrimaryKeyString()).Kind;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Kind == ScoringNames.CommentSentiment ? Task.CompletedTask : throw new NotFoundException($"No trainable model kind '{Kind}'.");

    public Task<TrainingJobView> StartTrainingAsync(string actor) => StartAsync(actor, TrainingSource.SurveyResponses, scheduled: false, rows: null, fileName: null);

    public Task<TrainingJobView> StartTrainingFromCsvAsync(string csv, string textColumn, string labelColumn, string actor)
    {
        LabeledCsvFile file;
        try
        {
            file = LabeledCsvReader.Read(new StringReader(csv ?? string.Empty), textColumn, labelColumn, "file");
        }
        catch (ScoringInputException ex)
        {
            throw new ValidationFailedException([new FieldError("file", ex.Message)]);
        }

        return StartAsync(actor, TrainingSource.UploadedFile, scheduled: false, file.Rows, "upload");
    }

    public async Task<TrainingJobView?> GetJobAsync(string jobId)
    {
        await ForgetInterruptedAsync();
        return state.State.Jobs.FirstOrDefault(j => j.JobId == jobId);
    }

    public async Task<ModelListView> ListAsync()
    {
        await ForgetInterruptedAsync();
        var (activation, _) = await store.GetActivationAsync(TenantId, Kind);
        var versions = await store.ListAsync(TenantId, Kind);
        return new ModelListView(Kind, [.. versions.OrderByDescending(v => v.Version).Select(v => ModelViews.From(v, activation.Active == v.Version))],
            activation.Active, activation.ChangedAt, activation.ChangedBy, state.State.Retraining, state.State.Jobs.LastOrDefault(), options.Value.MinimumLabels);
    }

    public async Task<ModelListView> ActivateAsync(int version, string actor)
    {
        RequireActor(actor);
        try
        {
            await store.ActivateAsync(TenantId, Kind, version, actor);
        }
        catch (ModelNotFoundException)
        {
            throw new NotFoundException(string.Create(CultureInfo.InvariantCulture, $"No model version {version} in this tenant."));
        }

        serving.Request(TenantId);
        return await ListAsync();
    }

    public async Task<ModelListView> RollBackAsync(string actor)
    {
        RequireActor(actor);
        if (await store.RollBackAsync(TenantId, Kind, actor) is null)
        {
            throw new ConflictException("No earlier model version was active: there is nothing to roll back to.");
        }

        serving.Request(TenantId);
        return await ListAsync();
    }

    public async Task<ModelListView> SetRetrainingAsync(RetrainingSchedule schedule, string actor)
    {
        RequireActor(actor);
        if (!Enum.IsDefined(schedule))
        {
            throw new ValidationFailedException([new FieldError("retraining", "Off, Weekly or Monthly.")]);
        }

        if (schedule != state.State.Retraining)
        {
            state.State = state.State with { Retraining = schedule };
            await state.WriteStateAsync();
        }

        // Checked daily; the schedule decides whether a week or a month has passed.
        if (schedule == RetrainingSchedule.Off)
        {
            if (await this.GetReminder(RetrainReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else
        {
            await this.RegisterOrUpdateReminder(RetrainReminder, TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        }

        return await ListAsync();
    }

    public async Task<TrainingJobView?> RetrainIfDueAsync()
    {
        var now = time.GetUtcNow();
        if (!RetrainingDue.IsDue(state.State.Retraining, state.State.LastScheduledAt, now))
        {
            return null;
        }

        await ForgetInterruptedAsync();
        if (state.State.Running is not null)
        {
            return null;
        }

        state.State = state.State with { LastScheduledAt = now };
        return await StartAsync(ScheduleActor, TrainingSource.SurveyResponses, scheduled: true, rows: null, fileName: null);
    }

    public async Task CompleteAsync(TrainingJobView job)
    {
        var index = state.State.Jobs.FindIndex(j => j.JobId == job.JobId);
        if (index < 0 || state.State.Jobs[index].Status != TrainingJobStatus.Running)
        {
            return; // A repeated report, or a job already given up as interrupted.
        }

        state.State = state.State with { Jobs = state.State.Jobs.SetItem(index, job) };
        await state.WriteStateAsync();
        if (job.Activated)
        {
            await GrainFactory.GetGrain<IAuditLogGrain>(TenantId).RecordAsync(new AuditRecord(TenantId, ScheduleActor, AuditAction.ModelActivated,
                AuditTargetType.Model, ModelKey.AuditTarget(Kind, job.Version!.Value), job.Message));
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetrainReminder)
        {
            await RetrainIfDueAsync();
        }
    }

    private async Task<TrainingJobView> StartAsync(string actor, TrainingSource source, bool scheduled, IReadOnlyList<LabeledText>? rows, string? fileName)
    {
        RequireActor(actor);
        await ForgetInterruptedAsync();
        if (state.State.Running is { } running)
        {
            throw new ConflictException($"A training is already running (job {running.JobId}); wait for it to finish.");
        }

        var job = new TrainingJobView(Guid.NewGuid().ToString("N"), TrainingJobStatus.Running, source, scheduled, time.GetUtcNow(), actor);
        var kept = state.State.Jobs.Add(job);
        state.State = state.State with { Jobs = kept.Count > options.Value.JobsKept ? kept.RemoveRange(0, kept.Count - options.Value.JobsKept) : kept };
        await state.WriteStateAsync();
        // The runner reports back to this activation: keep it here while it trains.
        DelayDeactivation(TimeSpan.FromHours(1));
        runner.Start(new TrainingRequest(TenantId, job, rows, fileName));
        return job;
    }

    /// <summary>A job this grain believes runs but no trainer on this silo has (the silo it ran on stopped) is marked failed.</summary>
    private async Task ForgetInterruptedAsync()
    {
        if (state.State.Running is { } running && !runner.IsRunning(running.JobId))
        {
            var index = state.State.Jobs.IndexOf(running);
            state.State = state.State with
            {
                Jobs = state.State.Jobs.SetItem(index, running with
                {
                    Status = TrainingJobStatus.Failed,
                    FinishedAt = time.GetUtcNow(),
                    Message = "Interrupted: the silo running it stopped. Start it again.",
                }),
            };
            await state.WriteStateAsync();
        }
    }

    private static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ValidationFailedException([new FieldError("actor", "Required.")]);
        }
    }
}
