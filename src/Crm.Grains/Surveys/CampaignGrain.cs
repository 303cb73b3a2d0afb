using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;

namespace Crm.Grains.Surveys;

[GenerateSerializer, Immutable, Alias("crm.surveys.campaign-state")]
public sealed record CampaignState
{
    [Id(0)] public CampaignView? Campaign { get; init; }

    /// <summary>Set while invitations are being issued; a repeated launch carries on from the start (issuing is idempotent).</summary>
    [Id(1)] public bool Issuing { get; init; }
}

/// <summary>
/// A campaign: walks the tenant's customer list once, picks the audience and issues one invitation to each, recorded
/// with the survey's results a page at a time. Invitation ids derive from campaign and customer, so a repeated launch
/// after a failure issues nothing twice. Only customers who agreed to surveys are invited; the rest are counted as skipped.
/// </summary>
public sealed class CampaignGrain(
    [PersistentState("survey-campaign", CrmStorage.Name)] IPersistentState<CampaignState> state,
    IInvitationTokens tokens,
    TimeProvider time) : Grain, ICampaignGrain
{
    private const int PageSize = 100;

    private (string TenantId, string CampaignId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public async Task<CampaignView> LaunchAsync(CampaignDraft draft, string actor)
    {
        SurveyProblems.RequireActor(actor);
        var (tenantId, campaignId) = Key;
        if (state.State.Campaign is { } existing && !state.State.Issuing)
        {
            return existing.Draft == draft ? existing : throw new ConflictException($"Campaign '{campaignId}' already exists.");
        }

        if (!Identifiers.IsEntityId(campaignId))
        {
            throw new ValidationFailedException([new("campaignId", "1-64 letters, digits, '-' or '_'.")]);
        }

        var audience = new CampaignAudience(Clean(draft.Segment), draft.Tier?.ToString(), Clean(draft.Tag));
        SurveyProblems.ThrowIfAny(CampaignRules.Validate(draft.Name, draft.From, draft.To, audience, Enum.GetNames<CustomerTier>()));
        if (draft.Tier is { } t && !Enum.IsDefined(t))
        {
            throw new ValidationFailedException([new("tier", "Standard, Silver, Gold or Vip.")]);
        }

        var survey = await GrainFactory.GetGrain<ISurveyGrain>(SurveyKey.Format(tenantId, draft.SurveyId)).GetAsync()
            ?? throw new ValidationFailedException([new("surveyId", $"No survey '{draft.SurveyId}' in this tenant.")]);
        var policy = await GrainFactory.GetGrain<IServiceDeskGrain>(tenantId).GetSlaPolicyAsync();
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(policy.Calendar.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var expiresAt = CampaignRules.ClosesAt(draft.To, zone);
        if (expiresAt <= time.GetUtcNow())
        {
            throw new ValidationFailedException([new("to", "The campaign's last day has passed.")]);
        }

        var draftStored = draft with { Name = draft.Name.Trim(), Segment = audience.Segment, Tag = audience.Tag };
        var campaign = state.State.Campaign ?? new CampaignView(campaignId, draftStored, survey.Current.Version, 0, time.GetUtcNow(), actor);
        state.State = new CampaignState { Campaign = campaign, Issuing = true };
        await state.WriteStateAsync();

        var (invited, skipped) = await IssueAsync(tenantId, campaign, audience, expiresAt, actor);
        state.State = new CampaignState { Campaign = campaign with { Invited = invited, SkippedNoConsent = skipped }, Issuing = false };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ISurveyCatalogGrain>(tenantId).TrackCampaignAsync(state.State.Campaign!);
        return state.State.Campaign!;
    }

    public Task<CampaignView?> GetAsync() => Task.FromResult(state.State.Campaign);

    private async Task<(int Invited, int Skipped)> IssueAsync(string tenantId, CampaignView campaign, CampaignAudience audience, DateTimeOffset expiresAt, string actor)
    {
        var directory = GrainFactory.GetGrain<ICustomerDirectoryGrain>(tenantId);
        var results = GrainFactory.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(tenantId, campaign.Draft.SurveyId));
        int invited = 0, skipped = 0;
        string? page = null;
        do
        {
            var customers = await directory.ListAsync(PageSize, page);
            page = customers.ContinuationToken;
            var matching = customers.Items.Where(c => audience.Matches(c.Segment, c.Tier.ToString(), c.Tags)).ToList();
            // Consent lives on the profile (the directory row does not carry it): the customer's grain decides, and a
            // customer who has not agreed to surveys (or withdrew) is counted as skipped, never invited.
            var profiles = await Task.WhenAll(matching.Select(c => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, c.CustomerId)).GetAsync()));
            var chosen = matching.Where((c, i) => profiles[i] is { ErasedAt: null } view && view.Profile.Consent?.Surveys == true).ToList();
            skipped += matching.Count - chosen.Count;
            var records = await Task.WhenAll(chosen.Select(c =>
            {
                var invitationId = SurveyKey.Derive('c', $"{campaign.CampaignId}/{c.CustomerId}");
                var token = tokens.TokenFor(tenantId, invitationId);
                return GrainFactory.GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).IssueAsync(
                    new InvitationDraft(tenantId, campaign.Draft.SurveyId, c.CustomerId, SurveySource.Campaign, expiresAt, campaign.CampaignId),
                    invitationId,
                    token);
            }));
            await results.RecordInvitationsAsync([.. records], actor);
            invited += records.Length;
        }
        while (page is not null);

        return (invited, skipped);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
