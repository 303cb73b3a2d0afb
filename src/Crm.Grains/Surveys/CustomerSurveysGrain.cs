using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Orleans.Runtime;

namespace Crm.Grains.Surveys;

/// <summary>
/// A customer's survey invitations. Transactional offers are decided here, one at a time per customer, so the
/// cooldown holds when several cases resolve together; an offer with a delay waits for a reminder.
/// </summary>
public sealed class CustomerSurveysGrain(
    [PersistentState("customer-surveys", CrmStorage.Name)] IPersistentState<CustomerSurveysState> state,
    IInvitationTokens tokens,
    TimeProvider time) : Grain, ICustomerSurveysGrain, IRemindable
{
    public const string SystemActor = "system";
    private const string OffersReminder = "survey-offers";
    private static readonly TimeSpan DecidedKept = TimeSpan.FromDays(400);

    private (string TenantId, string CustomerId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public async Task<InvitationView?> OfferForResolvedCaseAsync(CaseFacts facts)
    {
        var (tenantId, _) = Key;
        var invitationId = SurveyKey.Derive('t', $"{facts.CaseId}/{facts.ResolvedAt.UtcTicks}");
        var now = time.GetUtcNow();
        if (state.State.Decided.TryGetValue(invitationId, out var decided))
        {
            // A repeated offer (the case outbox delivers at least once): the same invitation again, or still waiting.
            return decided.SendAt > now ? null : await SendAsync(invitationId, decided);
        }

        var rule = (await GrainFactory.GetGrain<ISurveyCatalogGrain>(tenantId).GetTransactionalRuleAsync()).ToDomain();
        var decision = rule.Decide(facts.Kind, facts.ResolvedAt, state.State.LastTransactionalAt);
        if (!decision.Offers)
        {
            return null;
        }

        var offer = new ScheduledOffer(rule.SurveyId!, decision.SendAt!.Value, rule.ValidityDays, facts);
        state.State = state.State with
        {
            LastTransactionalAt = offer.SendAt,
            Decided = state.State.Decided.Where(d => now - d.Value.SendAt < DecidedKept).ToImmutableDictionary().SetItem(invitationId, offer),
            Scheduled = offer.SendAt > now ? state.State.Scheduled.SetItem(invitationId, offer) : state.State.Scheduled,
        };
        await state.WriteStateAsync();
        if (offer.SendAt > now)
        {
            await ScheduleAsync();
            return null;
        }

        return await SendAsync(invitationId, offer);
    }

    public async Task<InvitationView> InviteAsync(
        string surveyId, string invitationId, SurveySource source, DateTimeOffset expiresAt, string? campaignId, CaseFacts? facts, string actor)
    {
        var (tenantId, customerId) = Key;
        var token = tokens.TokenFor(tenantId, invitationId);
        var record = await GrainFactory.GetGrain<IInvitationGrain>(InvitationToken.Hash(token))
            .IssueAsync(new InvitationDraft(tenantId, surveyId, customerId, source, expiresAt, campaignId, facts), invitationId, token);
        await GrainFactory.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(tenantId, surveyId)).RecordInvitationsAsync([record], actor);
        return record.WithToken(token);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != OffersReminder)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (id, offer) in state.State.Scheduled.Where(s => s.Value.SendAt <= now).ToList())
        {
            await SendAsync(id, offer);
            state.State = state.State with { Scheduled = state.State.Scheduled.Remove(id) };
            await state.WriteStateAsync();
        }

        await ScheduleAsync();
    }

    private Task<InvitationView> SendAsync(string invitationId, ScheduledOffer offer) =>
        InviteAsync(offer.SurveyId, invitationId, SurveySource.Transactional, InvitationRules.ExpiresAt(offer.SendAt, offer.ValidityDays), null, offer.Case, SystemActor);

    private async Task ScheduleAsync()
    {
        if (state.State.Scheduled.IsEmpty)
        {
            if (await this.GetReminder(OffersReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        var due = state.State.Scheduled.Values.Min(o => o.SendAt) - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(OffersReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }
}
