using Crm.Domain.Cases;
using Crm.Domain.Surveys;

namespace Crm.Contracts.Surveys;

/// <summary>What an analyst asks for: days (inclusive, tenant's zone), filters, one breakdown.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.results-query")]
public sealed record SurveyResultsQuery(
    [property: Id(0)] DateOnly? From = null,
    [property: Id(1)] DateOnly? To = null,
    [property: Id(2)] SurveySource? Source = null,
    [property: Id(3)] string? Category = null,
    [property: Id(4)] CaseChannel? Channel = null,
    [property: Id(5)] string? Agent = null,
    [property: Id(6)] ResultsBreakdown By = ResultsBreakdown.None)
{
    public ResultsQuery ToDomain() => new() { From = From, To = To, Source = Source, Category = Category, Channel = Channel, Agent = Agent, By = By };
}

/// <summary>A figure with its n; <see cref="Value"/>, <see cref="Low"/> and <see cref="High"/> are null when there are too few responses.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.figure")]
public sealed record FigureView(
    [property: Id(0)] long N,
    [property: Id(1)] double? Value,
    [property: Id(2)] double? Low,
    [property: Id(3)] double? High)
{
    public bool Enough => Value is not null;

    public static FigureView From(SurveyFigure f) => new(f.N, f.Value, f.Interval?.Low, f.Interval?.High);
}

/// <summary>One group's figures: CSAT share, NPS, dimension means, response rate, each with n and a 95% interval.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.results-row")]
public sealed record ResultsRowView(
    [property: Id(0)] string Group,
    [property: Id(1)] long Responses,
    [property: Id(2)] FigureView Csat,
    [property: Id(3)] FigureView Nps,
    [property: Id(4)] ImmutableSortedDictionary<string, FigureView> Dimensions,
    [property: Id(5)] FigureView ResponseRate,
    [property: Id(6)] ImmutableSortedDictionary<string, long> Reasons,
    [property: Id(7)] ImmutableArray<long> CsatScores)
{
    public static ResultsRowView From(ResultsRow r) => new(
        r.Group, r.Responses, FigureView.From(r.Csat), FigureView.From(r.Nps),
        r.Dimensions.ToImmutableSortedDictionary(d => d.Key, d => FigureView.From(d.Value), StringComparer.Ordinal),
        FigureView.From(r.ResponseRate),
        r.Reasons.ToImmutableSortedDictionary(StringComparer.Ordinal),
        [.. r.CsatScores]);
}

[GenerateSerializer, Immutable, Alias("crm.surveys.results")]
public sealed record SurveyResultsView(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] SurveyResultsQuery Query,
    [property: Id(2)] ImmutableArray<ResultsRowView> Rows,
    [property: Id(3)] int MinResponses,
    [property: Id(4)] string TimeZone);

/// <summary>Which responses to list behind a figure: the results filters, a CSAT score, one group value, a reason.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.response-filter")]
public sealed record ResponseFilter(
    [property: Id(0)] SurveyResultsQuery Query,
    [property: Id(1)] int? Csat = null,
    [property: Id(2)] string? Reason = null);
