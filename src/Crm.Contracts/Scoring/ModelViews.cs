
namespace Crm.Contracts.Scoring;

/// <summary>Where a training job is. Values are stored: only add.</summary>
public enum TrainingJobStatus
{
    Running = 0,
    Succeeded = 1,

    /// <summary>Not trained: too few labelled responses (the job says how many more are needed) or an unusable file.</summary>
    Refused = 2,
    Failed = 3,
}

/// <summary>What a model learned from. Values are stored: only add.</summary>
public enum TrainingSource
{
    /// <summary>The tenant's own rated survey responses with a comment: overall CSAT 4-5 satisfied, 1-2 dissatisfied, 3 left out.</summary>
    SurveyResponses = 0,

    /// <summary>A labelled CSV file an admin uploaded (text and a 0/1 label).</summary>
    UploadedFile = 1,
}

/// <summary>A tenant's scheduled retraining on its survey responses. Values are stored: only add.</summary>
public enum RetrainingSchedule
{
    Off = 0,
    Weekly = 1,
    Monthly = 2,
}

/// <summary>How a model did on held-out rows; a figure is null where it cannot be computed (one class only).</summary>
[GenerateSerializer, Immutable, Alias("crm.scoring.model-metrics")]
public sealed record ModelMetricsView(
    [property: Id(0)] double? Accuracy,
    [property: Id(1)] double? MacroF1,
    [property: Id(2)] double? Auc,
    [property: Id(3)] int HeldOutRows);

/// <summary>
/// One stored model version with what is written beside it: who trained it when, on what data, its featurization,
/// its held-out metrics and checksum; for a scheduled retraining, how the then active version did on the same rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.scoring.model-version")]
public sealed record ModelVersionView(
    [property: Id(0)] int Version,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] string DataSource,
    [property: Id(5)] int Rows,
    [property: Id(6)] int SatisfiedRows,
    [property: Id(7)] DateTimeOffset? DataFrom,
    [property: Id(8)] DateTimeOffset? DataTo,
    [property: Id(9)] ModelMetricsView? Metrics,
    [property: Id(10)] double TrainSeconds,
    [property: Id(11)] string Featurization,
    [property: Id(12)] string Sha256,
    [property: Id(13)] bool Active,
    [property: Id(14)] int? ComparedWithVersion = null,
    [property: Id(15)] ModelMetricsView? ComparedMetrics = null,
    [property: Id(16)] bool? ActivatedAutomatically = null);

/// <summary>A training run: started off the request, polled until it is no longer <see cref="TrainingJobStatus.Running"/>.</summary>
[GenerateSerializer, Immutable, Alias("crm.scoring.training-job")]
public sealed record TrainingJobView(
    [property: Id(0)] string JobId,
    [property: Id(1)] TrainingJobStatus Status,
    [property: Id(2)] TrainingSource Source,
    [property: Id(3)] bool Scheduled,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] string StartedBy,
    [property: Id(6)] DateTimeOffset? FinishedAt = null,
    [property: Id(7)] int? Version = null,
    [property: Id(8)] bool Activated = false,
    [property: Id(9)] string? Message = null,
    [property: Id(10)] int? MoreLabels = null,
    [property: Id(11)] int? MoreSatisfied = null,
    [property: Id(12)] int? MoreDissatisfied = null);

/// <summary>A tenant's models of one kind: every version (newest first), which is active, the retraining setting and the latest job.</summary>
[GenerateSerializer, Immutable, Alias("crm.scoring.model-list")]
public sealed record ModelListView(
    [property: Id(0)] string Kind,
    [property: Id(1)] ImmutableArray<ModelVersionView> Versions,
    [property: Id(2)] int? ActiveVersion,
    [property: Id(3)] DateTimeOffset? ActivationChangedAt,
    [property: Id(4)] string? ActivationChangedBy,
    [property: Id(5)] RetrainingSchedule Retraining,
    [property: Id(6)] TrainingJobView? LatestJob,
    [property: Id(7)] int MinimumLabels);

/// <summary>The key of a tenant's model grain for one model kind: <c>{tenant}/{kind}</c>.</summary>
public static class ModelKey
{
    public const string CommentSentiment = "comment-sentiment";

    public static string Format(string tenantId, string kind) => $"{tenantId}/{kind}";

    /// <summary>A version as an audit target id (<c>comment-sentiment-v3</c>): audit ids are letters, digits, '-' and '_'.</summary>
    public static string AuditTarget(string kind, int version) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}-v{version}");

    public static (string TenantId, string Kind) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"'{key}' is not a model key.", nameof(key));
    }
}

/// <summary>
/// A tenant's comment-sentiment models as an operation: one training at a time (off the request; poll the job),
/// activate, roll back, and the retraining schedule (a reminder). Keyed by <see cref="ModelKey.Format"/>.
/// </summary>
public interface ITenantModelGrain : IGrainWithStringKey
{
    /// <summary>Starts training on the tenant's rated survey responses; 409 while another training runs.</summary>
    Task<TrainingJobView> StartTrainingAsync(string actor);

    /// <summary>Starts training on an uploaded labelled CSV (UTF-8, header row); 400 naming the row and field of a bad one.</summary>
    Task<TrainingJobView> StartTrainingFromCsvAsync(string csv, string textColumn, string labelColumn, string actor);

    Task<TrainingJobView?> GetJobAsync(string jobId);

    Task<ModelListView> ListAsync();

    /// <summary>404 for a version never stored.</summary>
    Task<ModelListView> ActivateAsync(int version, string actor);

    /// <summary>409 when no earlier version was active.</summary>
    Task<ModelListView> RollBackAsync(string actor);

    Task<ModelListView> SetRetrainingAsync(RetrainingSchedule schedule, string actor);

    /// <summary>What the reminder calls: starts a scheduled training when one is due and none runs; null otherwise.</summary>
    Task<TrainingJobView?> RetrainIfDueAsync();

    /// <summary>The silo's trainer reports a finished job here.</summary>
    Task CompleteAsync(TrainingJobView job);
}
