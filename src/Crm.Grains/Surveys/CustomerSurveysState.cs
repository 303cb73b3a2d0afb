using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

[GenerateSerializer, Immutable, Alias("crm.surveys.customer-state")]
public sealed record CustomerSurveysState
{
    /// <summary>When the latest transactional invitation goes (or went) out; the rule's cooldown counts from here.</summary>
    [Id(0)] public DateTimeOffset? LastTransactionalAt { get; init; }

    /// <summary>Transactional offers decided but not yet due (the rule's delay), by invitation id.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, ScheduledOffer> Scheduled { get; init; } = ImmutableSortedDictionary<string, ScheduledOffer>.Empty;

    /// <summary>Invitation ids decided for resolved cases, so a repeated offer for the same resolution decides nothing new.</summary>
    [Id(2)] public ImmutableDictionary<string, ScheduledOffer> Decided { get; init; } = ImmutableDictionary<string, ScheduledOffer>.Empty;
}

[GenerateSerializer, Immutable, Alias("crm.surveys.scheduled-offer")]
public sealed record ScheduledOffer(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] DateTimeOffset SendAt,
    [property: Id(2)] int ValidityDays,
    [property: Id(3)] CaseFacts Case);
