using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>A survey's name and every version; versions are few and small, so they live in the state.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.state")]
public sealed record SurveyState
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public ImmutableArray<SurveyVersionView> Versions { get; init; } = [];
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => Name is not null;
}
