namespace Crm.Domain.Surveys;

/// <summary>
/// A rated service dimension or a reason a customer may pick: a stable slug key (what responses and reports store)
/// and its label in both languages (what people read, free to change between versions).
/// </summary>
public sealed record SurveyChoice(string Key, LocalizedText Label);
