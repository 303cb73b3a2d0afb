namespace Crm.Scoring.Sentiment;

/// <summary>
/// Maps a probability of dissatisfaction to the 0-100 score people see (100 = surely dissatisfied) and a class.
/// The middle band is neutral so that a text the model is unsure of is not shown as angry or happy.
/// </summary>
public sealed record SentimentBands(double DissatisfiedFrom = 0.65, double SatisfiedUpTo = 0.35)
{
    public static SentimentBands Default { get; } = new();

    public static int Score(double dissatisfactionProbability) =>
        (int)Math.Round(Math.Clamp(dissatisfactionProbability, 0, 1) * 100, MidpointRounding.AwayFromZero);

    public SentimentClass Classify(double dissatisfactionProbability) => dissatisfactionProbability switch
    {
        _ when dissatisfactionProbability >= DissatisfiedFrom => SentimentClass.Dissatisfied,
        _ when dissatisfactionProbability <= SatisfiedUpTo => SentimentClass.Satisfied,
        _ => SentimentClass.Neutral,
    };
}
