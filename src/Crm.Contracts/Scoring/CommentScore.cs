namespace Crm.Contracts.Scoring;

/// <summary>The tone of a text as shown on a queue row, a case page and a survey comment.</summary>
public enum CommentTone
{
    Dissatisfied,
    Neutral,
    Satisfied,
}

/// <summary>
/// One text's comment-sentiment score as stored beside what it scored: 0-100 (100 = surely dissatisfied), its tone,
/// and the model version that produced it (a trained model's, or the lexicon rule's while a tenant has none), so a
/// stored score can always be traced to what made it.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.scoring.comment-score")]
public sealed record CommentScore(
    [property: Id(0)] int Score,
    [property: Id(1)] CommentTone Tone,
    [property: Id(2)] string ModelVersion,
    [property: Id(3)] bool FromModel);
