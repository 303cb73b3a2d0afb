using Crm.Scoring.Evaluation;
using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Models;

/// <summary>
/// What is known about one stored model, written beside its file when it is stored and never changed after:
/// how it was featurized and trained, on what data, and how it scored on held-out data.
/// </summary>
/// <param name="Sha256">Hex SHA-256 of the model file, checked on every load so a damaged file is refused.</param>
public sealed record ModelManifest(
    string TenantId,
    string Kind,
    int Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    SentimentOptions Options,
    TrainingData Data,
    BinaryMetrics? Metrics,
    double TrainSeconds,
    string Sha256)
{
    /// <summary>The label each score carries, e.g. <c>comment-sentiment/v3</c>.</summary>
    public string Label => ModelVersions.Label(Kind, Version);

    /// <summary>For a scheduled retraining: how the version that was active did on the same held-out rows.</summary>
    public ModelComparison? Comparison { get; init; }
}

/// <summary>
/// The active model scored on the new model's held-out rows, and whether the new one was therefore activated
/// (only when it is not worse: its AUC at least the active one's).
/// </summary>
public sealed record ModelComparison(int ActiveVersion, BinaryMetrics ActiveMetrics, bool Activated);

/// <summary>The data a model learned from: where it came from, how many rows, and the time range of those rows if known.</summary>
public sealed record TrainingData(string Source, int Rows, int PositiveRows, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>What a caller hands over when it stores a new model; the store assigns the version, time and checksum.</summary>
public sealed record NewModel(string Kind, SentimentOptions Options, TrainingData Data, BinaryMetrics? Metrics, double TrainSeconds, string CreatedBy)
{
    public ModelComparison? Comparison { get; init; }
}

public static class ModelVersions
{
    public static string Label(string kind, int version) => $"{kind}/v{version}";
}
