using System.Collections.Immutable;

namespace Crm.Domain.Reports;

/// <summary>
/// One survey response as reports count it, sent by the surveys work when a response arrives (the seam for it:
/// reports do not depend on how surveys are run). <see cref="ResponseId"/> makes a redelivery count once.
/// </summary>
/// <param name="Csat">Satisfaction 1-5, if asked.</param>
/// <param name="Nps">Likelihood to recommend 0-10, if asked.</param>
/// <param name="Dimensions">Ratings of named dimensions (speed, attitude, ...).</param>
/// <param name="ModelScores">Scores a model gave the response (sentiment, ...), by model name.</param>
public sealed record SurveyFact(
    string ResponseId,
    DateTimeOffset At,
    int? Csat,
    int? Nps,
    ImmutableDictionary<string, double> Dimensions,
    ImmutableDictionary<string, double> ModelScores)
{
    public string Key => "survey/" + ResponseId;
}
