namespace Crm.Scoring.Sentiment;

/// <summary>The tone shown on a queue row, a case page and a survey comment.</summary>
public enum SentimentClass
{
    Dissatisfied,
    Neutral,
    Satisfied,
}
