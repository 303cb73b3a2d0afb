using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Serving;

/// <summary>Where a score came from: a trained model, or the lexicon rule that serves until a tenant has one.</summary>
public enum ScoreSource
{
    Model,
    Lexicon,
}

/// <summary>
/// One text's comment-sentiment score as stored and shown: the probability of dissatisfaction, its 0-100 score
/// (100 = surely dissatisfied), its class, and the model version that produced it.
/// </summary>
public sealed record SentimentScore(double DissatisfactionProbability, int Score, SentimentClass Class, string ModelVersion, ScoreSource Source)
{
    public static SentimentScore From(double probability, SentimentBands bands, string modelVersion, ScoreSource source) =>
        new(probability, SentimentBands.Score(probability), bands.Classify(probability), modelVersion, source);
}
