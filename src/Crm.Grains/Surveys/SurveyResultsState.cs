using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>
/// The results grain's bookkeeping: the number of the last batch fully applied, and the batches accepted but not yet
/// applied (written before any row, so a crash part-way is finished on the next activation, counted exactly once).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.results-state")]
public sealed record SurveyResultsState
{
    [Id(0)] public long AppliedBatch { get; init; }
    /// <summary>The one batch being applied, as states written before <see cref="Queue"/> held it; read, never written.</summary>
    [Id(1)] public PendingBatch? Pending { get; init; }
    [Id(2)] public long Responses { get; init; }
    [Id(3)] public long Invitations { get; init; }

    /// <summary>Responses per campaign, counted with the batch that recorded them (so exactly once).</summary>
    [Id(4)] public ImmutableDictionary<string, long>? CampaignAnswered { get; init; }

    /// <summary>Batches accepted (answered to their callers) and not yet applied, oldest first; applied in this order.</summary>
    [Id(5)] public ImmutableArray<PendingBatch> Queue { get; init; } = [];

    /// <summary>The queue, also for a state stored before it existed.</summary>
    public ImmutableArray<PendingBatch> Queued => Queue.IsDefault ? [] : Queue;
}

[GenerateSerializer, Immutable, Alias("crm.surveys.pending-batch")]
public sealed record PendingBatch(
    [property: Id(0)] long Number,
    [property: Id(1)] ImmutableArray<SurveyResponseEvent> Responses,
    [property: Id(2)] ImmutableArray<InvitationRecord> Invitations,
    [property: Id(3)] string Actor);
