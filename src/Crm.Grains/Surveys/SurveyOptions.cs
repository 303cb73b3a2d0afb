namespace Crm.Grains.Surveys;

/// <summary>Survey settings of the silo.</summary>
public sealed class SurveyOptions
{
    public const string SectionName = "Crm:Surveys";

    /// <summary>The front end's address as customers reach it; links are "{PublicBaseUrl}/s/{token}".</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Customers a campaign reads from the directory per step of its walk (the directory's largest page).</summary>
    public int CampaignPageSize { get; set; } = 100;

    /// <summary>
    /// How often the reminder a campaign holds while issuing fires: it only wakes a campaign a restart interrupted (the
    /// walk itself runs on a timer), so Orleans' shortest period is the default.
    /// </summary>
    public TimeSpan CampaignReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public string LinkFor(string token) => $"{PublicBaseUrl.TrimEnd('/')}/s/{token}";
}
