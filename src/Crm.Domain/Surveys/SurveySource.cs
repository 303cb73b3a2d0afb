namespace Crm.Domain.Surveys;

/// <summary>How a response came to be: the "kind" results are broken down by. Stored and sent: never renumber.</summary>
public enum SurveySource
{
    /// <summary>Offered when a case was resolved, by the tenant's rule.</summary>
    Transactional = 0,

    /// <summary>Sent to a segment, tier or tag of customers.</summary>
    Campaign = 1,

    /// <summary>Collected by the platform's own survey tools and posted through the API or a bulk import.</summary>
    Platform = 2,
}
