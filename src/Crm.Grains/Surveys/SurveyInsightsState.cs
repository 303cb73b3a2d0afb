using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>The last default-query result computed in the background, in both languages, with the count it saw.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.insights-state")]
public sealed record SurveyInsightsState(
    [property: Id(0)] SurveyInsightsSnapshot? Default = null);
