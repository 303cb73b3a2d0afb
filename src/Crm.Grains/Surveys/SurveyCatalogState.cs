using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

[GenerateSerializer, Immutable, Alias("crm.surveys.catalog-state")]
public sealed record SurveyCatalogState
{
    [Id(0)] public ImmutableSortedDictionary<string, SurveySummary> Surveys { get; init; } = ImmutableSortedDictionary<string, SurveySummary>.Empty;
    [Id(1)] public TransactionalRuleView Rule { get; init; } = TransactionalRuleView.Default;
    [Id(2)] public ImmutableSortedDictionary<string, CampaignView> Campaigns { get; init; } = ImmutableSortedDictionary<string, CampaignView>.Empty;
    [Id(3)] public DateTimeOffset? RuleChangedAt { get; init; }
    [Id(4)] public string? RuleChangedBy { get; init; }
}
