namespace Crm.Domain.Surveys;

/// <summary>A text a customer reads, in both languages the product speaks; a survey page shows the one of its language.</summary>
public sealed record LocalizedText(string En, string ZhCn)
{
    public string In(SurveyLanguage language) => language == SurveyLanguage.ZhCn ? ZhCn : En;

    public LocalizedText Trimmed() => new(En?.Trim() ?? "", ZhCn?.Trim() ?? "");
}
