namespace Crm.Scoring;

/// <summary>Names the scoring library writes down: model kinds, file names, the lexicon's version label.</summary>
public static class ScoringNames
{
    /// <summary>The comment-sentiment model (probability of dissatisfaction from free text).</summary>
    public const string CommentSentiment = "comment-sentiment";

    /// <summary>The satisfaction model (comment, ratings and case facts).</summary>
    public const string Satisfaction = "satisfaction";

    /// <summary>The model version recorded on scores the lexicon rule produced; bump it when the word lists change.</summary>
    public const string LexiconVersion = "lexicon-2026.12";

    public const string ActivationFile = "active.json";
    public const string ModelExtension = ".zip";
    public const string ManifestExtension = ".json";
}
