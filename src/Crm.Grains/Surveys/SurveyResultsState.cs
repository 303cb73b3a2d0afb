using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>
/// The results grain's bookkeeping: the number of the last batch fully applied, and the batch being applied (the
/// outbox: written before any row, so a crash part-way is finished on the next activation, counted exactly once).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.results-state")]
public sealed record SurveyResultsState
{
    [Id(0)] public long AppliedBatch { get; init; }
    [Id(1)] public PendingBatch? Pending { get; init; }
    [Id(2)] public long Responses { get; init; }
    [Id(3)] public long Invitations { get; init; }

    /// <summary>Responses per campaign, counted with the batch that recorded them (so exactly once).</summary>
    [Id(4)] public ImmutableDictionary<string, long>? CampaignAnswered { get; init; }
}

[GenerateSerializer, Immutable, Alias("crm.surveys.pending-batch")]
public sealed record PendingBatch(
    [property: Id(0)] long Number,
    [property: Id(1)] ImmutableArray<SurveyResponseEvent> Responses,
    [property: Id(2)] ImmutableArray<InvitationRecord> Invitations,
    [property: Id(3)] string Actor);
