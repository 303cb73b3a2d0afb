using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grains.Surveys;

[GenerateSerializer, Immutable, Alias("crm.surveys.campaign-state")]
public sealed record CampaignState
{
    [Id(0)] public CampaignView? Campaign { get; init; }

    /// <summary>Set while invitations are being issued: the walk through the directory goes on from <see cref="Continuation"/>.</summary>
    [Id(1)] public bool Issuing { get; init; }

    /// <summary>The directory page the walk reads next (null: the first); written with the counts of the page before it.</summary>
    [Id(2)] public string? Continuation { get; init; }

    /// <summary>When the campaign's links expire (the end of its last day in the tenant's zone), fixed at launch.</summary>
    [Id(3)] public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>
/// A campaign: walks the tenant's customer list a page per turn, picks the audience and issues one invitation to each,
/// recorded with the survey's results. The launch issues the first page and answers; a timer walks the rest, and a
/// reminder held while issuing wakes the campaign after a restart, which goes on from the page kept in its state. A
/// page's counts are written with the next page's token, in one state write, so a page a crash interrupted is issued
/// again and counted once (invitation ids derive from campaign and customer: issuing twice issues nothing new). Only
/// customers who agreed to surveys are invited; the rest are counted as skipped.
/// </summary>
public sealed partial class CampaignGrain(
    [PersistentState("survey-campaign", CrmStorage.Name)] IPersistentState<CampaignState> state,
    IInvitationTokens tokens,
    IOptions<SurveyOptions> options,
    TimeProvider time,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    public const string WalkReminder = "survey-campaign-walk";

    /// <summary>The catalog's copy (the campaigns list) is refreshed every this many pages, and at the end.</summary>
    private const int PagesPerCatalogUpdate = 20;
    private static readonly TimeSpan StepPeriod = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private IGrainTimer? _walker;
    private int _pages;

    private (string TenantId, string CampaignId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Issuing)
        {
            StartWalking();
        }

        return Task.CompletedTask;
    }

    public async Task<CampaignView> LaunchAsync(CampaignDraft draft, string actor)
    {
        SurveyProblems.RequireActor(actor);
        var (tenantId, campaignId) = Key;
        if (state.State.Campaign is { } existing)
        {
            if (existing.Draft != draft && existing.Draft != Normalized(draft))
            {
                throw new ConflictException($"Campaign '{campaignId}' already exists.");
            }

            if (state.State.Issuing)
            {
                StartWalking();
            }

            return existing;
        }

        if (!Identifiers.IsEntityId(campaignId))
        {
            throw new ValidationFailedException([new("campaignId", "1-64 letters, digits, '-' or '_'.")]);
        }

        var audience = Audience(draft);
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

        var campaign = new CampaignView(campaignId, Normalized(draft), survey.Current.Version, 0, time.GetUtcNow(), actor, Issuing: true);
        state.State = new CampaignState { Campaign = campaign, Issuing = true, ExpiresAt = expiresAt };
        await state.WriteStateAsync();

        // The first page in the call: a campaign of up to a page of customers is complete when the launch answers.
        await IssuePageAsync();
        if (state.State.Issuing)
        {
            await this.RegisterOrUpdateReminder(WalkReminder, options.Value.CampaignReminderPeriod, options.Value.CampaignReminderPeriod);
            await TrackAsync();
            StartWalking();
        }

        return state.State.Campaign!;
    }

    public Task<CampaignView?> GetAsync() => Task.FromResult(state.State.Campaign);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Issuing)
        {
            StartWalking();
        }
        else if (await this.GetReminder(WalkReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StartWalking() =>
        // Not interleaving: each tick is a turn of its own, so a page and a call never change the state together.
        _walker ??= this.RegisterGrainTimer(_ => WalkAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, StepPeriod) { KeepAlive = true });

    private async Task WalkAsync()
    {
        if (!state.State.Issuing)
        {
            _walker?.Dispose();
            _walker = null;
            return;
        }

        try
        {
            await IssuePageAsync();
        }
        catch (Exception ex)
        {
            // The page is read again from the same token on the next try: nothing is issued twice.
            LogPageFailed(ex, this.GetPrimaryKeyString());
            _walker?.Change(RetryDelay, StepPeriod);
        }
    }

    /// <summary>One page of the directory: its audience invited, its counts written with the next page's token.</summary>
    private async Task IssuePageAsync()
    {
        var (tenantId, _) = Key;
        var current = state.State;
        var campaign = current.Campaign!;
        var audience = Audience(campaign.Draft);
        var customers = await GrainFactory.GetGrain<ICustomerDirectoryGrain>(tenantId).ListAsync(options.Value.CampaignPageSize, current.Continuation);
        var matching = customers.Items.Where(c => audience.Matches(c.Segment, c.Tier.ToString(), c.Tags)).ToList();
        // Consent lives on the profile (the directory row does not carry it): the customer's grain decides, and a
        // customer who has not agreed to surveys (or withdrew) is counted as skipped, never invited.
        var profiles = await Task.WhenAll(matching.Select(c => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, c.CustomerId)).GetAsync()));
        var chosen = matching.Where((c, i) => profiles[i] is { ErasedAt: null } view && view.Profile.Consent?.Surveys == true).ToList();
        var records = await Task.WhenAll(chosen.Select(c =>
        {
            var invitationId = SurveyKey.Derive('c', $"{campaign.CampaignId}/{c.CustomerId}");
            var token = tokens.TokenFor(tenantId, invitationId);
            return GrainFactory.GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).IssueAsync(
                new InvitationDraft(tenantId, campaign.Draft.SurveyId, c.CustomerId, SurveySource.Campaign, current.ExpiresAt, campaign.CampaignId),
                invitationId,
                token);
        }));
        if (records.Length > 0)
        {
            await GrainFactory.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(tenantId, campaign.Draft.SurveyId)).RecordInvitationsAsync([.. records], campaign.CreatedBy);
        }

        var next = customers.ContinuationToken;
        state.State = current with
        {
            Campaign = campaign with
            {
                Invited = campaign.Invited + chosen.Count,
                SkippedNoConsent = campaign.SkippedNoConsent + matching.Count - chosen.Count,
                Issuing = next is not null,
            },
            Continuation = next,
            Issuing = next is not null,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = current;
            throw;
        }

        if (next is null)
        {
            await TrackAsync();
            if (await this.GetReminder(WalkReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else if (++_pages % PagesPerCatalogUpdate == 0)
        {
            await TrackAsync();
        }
    }

    private Task TrackAsync() => GrainFactory.GetGrain<ISurveyCatalogGrain>(Key.TenantId).TrackCampaignAsync(state.State.Campaign!);

    private static CampaignAudience Audience(CampaignDraft draft) => new(Clean(draft.Segment), draft.Tier?.ToString(), Clean(draft.Tag));

    private static CampaignDraft Normalized(CampaignDraft draft) =>
        draft with { Name = draft.Name?.Trim() ?? "", Segment = Clean(draft.Segment), Tag = Clean(draft.Tag) };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Key}: a page of invitations failed; trying it again.")]
    private partial void LogPageFailed(Exception exception, string key);
}
