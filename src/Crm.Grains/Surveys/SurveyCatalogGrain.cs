using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>A tenant's list of surveys and campaigns and its transactional rule; the survey and campaign grains keep it current.</summary>
public sealed class SurveyCatalogGrain(
    [PersistentState("survey-catalog", CrmStorage.Name)] IPersistentState<SurveyCatalogState> state,
    TimeProvider time) : Grain, ISurveyCatalogGrain
{
    public Task<ImmutableArray<SurveySummary>> ListSurveysAsync() => Task.FromResult(state.State.Surveys.Values.ToImmutableArray());

    public async Task TrackSurveyAsync(SurveySummary summary)
    {
        if (state.State.Surveys.TryGetValue(summary.SurveyId, out var known) && known == summary)
        {
            return;
        }

        state.State = state.State with { Surveys = state.State.Surveys.SetItem(summary.SurveyId, summary) };
        await state.WriteStateAsync();
    }

    public Task<TransactionalRuleView> GetTransactionalRuleAsync() => Task.FromResult(state.State.Rule);

    public async Task<TransactionalRuleView> SetTransactionalRuleAsync(TransactionalRuleView rule, string actor)
    {
        SurveyProblems.RequireActor(actor);
        var domain = rule.ToDomain() with { SurveyId = string.IsNullOrWhiteSpace(rule.SurveyId) ? null : rule.SurveyId.Trim() };
        SurveyProblems.ThrowIfAny(domain.Validate(state.State.Surveys.ContainsKey));
        var stored = TransactionalRuleView.From(domain with { Kinds = [.. domain.Kinds.Distinct().Order()] });
        state.State = state.State with { Rule = stored, RuleChangedAt = time.GetUtcNow(), RuleChangedBy = actor };
        await state.WriteStateAsync();
        return stored;
    }

    public Task<ImmutableArray<CampaignView>> ListCampaignsAsync(string? surveyId) =>
        Task.FromResult(state.State.Campaigns.Values.Where(c => surveyId is null || c.Draft.SurveyId == surveyId).OrderByDescending(c => c.CreatedAt).ToImmutableArray());

    public async Task TrackCampaignAsync(CampaignView campaign)
    {
        if (state.State.Campaigns.TryGetValue(campaign.CampaignId, out var known) && known == campaign)
        {
            return;
        }

        state.State = state.State with { Campaigns = state.State.Campaigns.SetItem(campaign.CampaignId, campaign) };
        await state.WriteStateAsync();
    }
}
