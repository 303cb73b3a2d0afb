using System.ComponentModel.DataAnnotations;
using Crm.Domain.Surveys;

namespace Crm.Contracts.Surveys;

[GenerateSerializer, Immutable, Alias("crm.surveys.text")]
public sealed record LocalizedTextView(
    [property: Id(0), MaxLength(SurveyRules.MaxIntroLength)] string En, [property: Id(1), MaxLength(SurveyRules.MaxIntroLength)] string ZhCn)
{
    public LocalizedText ToDomain() => new(En, ZhCn);

    public static LocalizedTextView From(LocalizedText text) => new(text.En, text.ZhCn);

    public string In(SurveyLanguage language) => ToDomain().In(language);
}

/// <summary>A rated dimension or an offered reason: a stable key and its labels.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.choice")]
public sealed record SurveyChoiceView([property: Id(0), MaxLength(SurveyRules.MaxKeyLength)] string Key, [property: Id(1)] LocalizedTextView Label);

/// <summary>What a survey version asks, as sent and stored (see <see cref="SurveyDefinition"/> for the rules).</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.content")]
public sealed record SurveyContent(
    [property: Id(0)] LocalizedTextView Title,
    [property: Id(1)] LocalizedTextView? Intro,
    [property: Id(2)] SurveyLanguage Language,
    [property: Id(3), MaxLength(SurveyRules.MaxDimensions)] ImmutableArray<SurveyChoiceView> Dimensions,
    [property: Id(4)] bool AskNps,
    [property: Id(5), MaxLength(SurveyRules.MaxReasons)] ImmutableArray<SurveyChoiceView> Reasons,
    [property: Id(6)] int ReasonThreshold = 2,
    [property: Id(7)] bool AskComment = true)
{
    public SurveyDefinition ToDomain() => new()
    {
        Title = Title?.ToDomain()!,
        Intro = Intro?.ToDomain(),
        Language = Language,
        Dimensions = Dimensions.IsDefault ? [] : [.. Dimensions.Select(d => new SurveyChoice(d?.Key!, d?.Label?.ToDomain()!))],
        AskNps = AskNps,
        Reasons = Reasons.IsDefault ? [] : [.. Reasons.Select(d => new SurveyChoice(d?.Key!, d?.Label?.ToDomain()!))],
        ReasonThreshold = ReasonThreshold,
        AskComment = AskComment,
    };

    public static SurveyContent From(SurveyDefinition d) => new(
        LocalizedTextView.From(d.Title),
        d.Intro is null ? null : LocalizedTextView.From(d.Intro),
        d.Language,
        [.. d.Dimensions.Select(c => new SurveyChoiceView(c.Key, LocalizedTextView.From(c.Label)))],
        d.AskNps,
        [.. d.Reasons.Select(c => new SurveyChoiceView(c.Key, LocalizedTextView.From(c.Label)))],
        d.ReasonThreshold,
        d.AskComment);

    /// <summary>The contract's default survey: CSAT, the five dimensions, NPS, reasons on low ratings, a comment.</summary>
    public static SurveyContent Default(SurveyLanguage language = SurveyLanguage.ZhCn) => From(SurveyDefaults.Definition(language));
}
