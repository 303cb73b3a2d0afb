using Crm.Contracts.Scoring;

namespace Crm.Grains.Scoring;

/// <summary>A tenant's model operation: its recent jobs (the running one included), the retraining setting and when it last ran.</summary>
[GenerateSerializer, Alias("crm.scoring.tenant-model-state")]
public sealed record TenantModelState
{
    [Id(0)] public ImmutableList<TrainingJobView> Jobs { get; init; } = [];

    [Id(1)] public RetrainingSchedule Retraining { get; init; } = RetrainingSchedule.Off;

    [Id(2)] public DateTimeOffset? LastScheduledAt { get; init; }

    public TrainingJobView? Running => Jobs.FirstOrDefault(j => j.Status == TrainingJobStatus.Running);
}
