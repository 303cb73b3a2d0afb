namespace Crm.Grains.Surveys;

/// <summary>Survey settings of the silo.</summary>
public sealed class SurveyOptions
{
    public const string SectionName = "Crm:Surveys";

    /// <summary>The front end's address as customers reach it; links are "{PublicBaseUrl}/s/{token}".</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public string LinkFor(string token) => $"{PublicBaseUrl.TrimEnd('/')}/s/{token}";
}
