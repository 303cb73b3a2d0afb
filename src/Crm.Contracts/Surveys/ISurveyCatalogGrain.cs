namespace Crm.Contracts.Surveys;

/// <summary>
/// A tenant's surveys (key: tenant id): the list of surveys and campaigns, and the transactional rule. Small and
/// bounded; each survey's content and results live in their own grains.
/// </summary>
public interface ISurveyCatalogGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<SurveySummary>> ListSurveysAsync();

    /// <summary>Called by a survey grain whenever its name or current version changes.</summary>
    Task TrackSurveyAsync(SurveySummary summary);

    [Orleans.Concurrency.ReadOnly]
    Task<TransactionalRuleView> GetTransactionalRuleAsync();

    /// <summary>Replaces the rule; an enabled rule must name an existing survey.</summary>
    Task<TransactionalRuleView> SetTransactionalRuleAsync(TransactionalRuleView rule, string actor);

    [Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<CampaignView>> ListCampaignsAsync(string? surveyId);

    /// <summary>Called by a campaign grain when it is created or changes.</summary>
    Task TrackCampaignAsync(CampaignView campaign);
}
