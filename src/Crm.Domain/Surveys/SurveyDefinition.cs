namespace Crm.Domain.Surveys;

/// <summary>
/// One version of a survey. Overall satisfaction (CSAT, 1-5) is always asked; the rest is the tenant's choice.
/// Reasons are offered when the CSAT answer is at or below <see cref="ReasonThreshold"/>.
/// </summary>
public sealed record SurveyDefinition
{
    public LocalizedText Title { get; init; } = SurveyDefaults.Title;
    public LocalizedText? Intro { get; init; }
    public SurveyLanguage Language { get; init; } = SurveyLanguage.ZhCn;

    /// <summary>Service dimensions rated 1-5; empty asks none.</summary>
    public IReadOnlyList<SurveyChoice> Dimensions { get; init; } = [];

    public bool AskNps { get; init; }

    /// <summary>Reasons offered on a low rating; empty asks none.</summary>
    public IReadOnlyList<SurveyChoice> Reasons { get; init; } = [];

    /// <summary>CSAT answers at or below this count as low and offer the reasons (default 2: "dissatisfied" or worse).</summary>
    public int ReasonThreshold { get; init; } = 2;

    public bool AskComment { get; init; } = true;

    /// <summary>Whether two definitions ask the same thing in the same words (lists compare by items).</summary>
    public bool SameAs(SurveyDefinition other) =>
        Title == other.Title && Intro == other.Intro && Language == other.Language && AskNps == other.AskNps &&
        ReasonThreshold == other.ReasonThreshold && AskComment == other.AskComment &&
        Dimensions.SequenceEqual(other.Dimensions) && Reasons.SequenceEqual(other.Reasons);
}
