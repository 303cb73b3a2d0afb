namespace Crm.Domain.Surveys;

/// <summary>The language a survey speaks to its customers. Stored and sent: never renumber.</summary>
public enum SurveyLanguage
{
    En = 0,
    ZhCn = 1,
}
