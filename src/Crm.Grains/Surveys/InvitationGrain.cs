using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>
/// One invitation, keyed by its token's SHA-256. The survey page reaches it with the token alone; it answers with the
/// questions of its survey version and nothing about the customer, and takes one submission.
/// </summary>
public sealed class InvitationGrain(
    [PersistentState("survey-invitation", CrmStorage.Name)] IPersistentState<InvitationState> state,
    TimeProvider time) : Grain, IInvitationGrain
{
    public async Task<InvitationRecord> IssueAsync(InvitationDraft draft, string invitationId, string token)
    {
        if (InvitationToken.Hash(token) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The token does not belong to this invitation.", nameof(token));
        }

        if (state.State.Record is { } existing)
        {
            return existing.InvitationId == invitationId
                ? existing
                : throw new ConflictException("Another invitation holds this link.");
        }

        var survey = await GrainFactory.GetGrain<ISurveyGrain>(SurveyKey.Format(draft.TenantId, draft.SurveyId)).GetAsync()
            ?? throw new NotFoundException($"No survey '{draft.SurveyId}' in this tenant.");
        var now = time.GetUtcNow();
        var record = new InvitationRecord(
            invitationId, draft.SurveyId, survey.Current.Version, draft.CustomerId, draft.Source, now, draft.ExpiresAt, draft.CampaignId, draft.Case,
            this.GetPrimaryKeyString());
        state.State = new InvitationState { TenantId = draft.TenantId, Record = record };
        await state.WriteStateAsync();
        return record;
    }

    public async Task<SurveyPageView> OpenAsync()
    {
        if (state.State.Record is not { } record)
        {
            DeactivateOnIdle();
            return new SurveyPageView(null, null);
        }

        var status = InvitationRules.Status(record.ExpiresAt, state.State.AnsweredAt, time.GetUtcNow());
        if (status != InvitationStatus.Open)
        {
            return new SurveyPageView(status, null);
        }

        var version = await Survey(record).GetVersionAsync(record.SurveyVersion);
        return new SurveyPageView(status, version.Content);
    }

    public async Task<SubmissionResult> SubmitAsync(AnswersInput answers)
    {
        if (state.State.Record is not { } record)
        {
            DeactivateOnIdle();
            return new(SubmissionOutcome.Unknown, []);
        }

        var now = time.GetUtcNow();
        switch (InvitationRules.Status(record.ExpiresAt, state.State.AnsweredAt, now))
        {
            case InvitationStatus.Answered:
                return new(SubmissionOutcome.AlreadyAnswered, []);
            case InvitationStatus.Expired:
                return new(SubmissionOutcome.Expired, []);
        }

        var results = GrainFactory.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(state.State.TenantId!, record.SurveyId));
        try
        {
            // The response id is the invitation's: one invitation can only ever add one response, even on a retry.
            await results.RecordAsync(
                [new ResponseInput(record.InvitationId, record.CustomerId, now, answers, record.SurveyVersion, record.Source, record.InvitationId, record.CampaignId, record.Case, record.IssuedAt)],
                dryRun: false,
                actor: "customer");
        }
        catch (ValidationFailedException ex)
        {
            return new(SubmissionOutcome.Invalid, [.. ex.Errors.Select(e => e with { Field = e.Field.Replace("responses[0].answers.", "", StringComparison.Ordinal) })]);
        }

        state.State = state.State with { AnsweredAt = now };
        await state.WriteStateAsync();
        return new(SubmissionOutcome.Accepted, []);
    }

    private ISurveyGrain Survey(InvitationRecord record) =>
        GrainFactory.GetGrain<ISurveyGrain>(SurveyKey.Format(state.State.TenantId!, record.SurveyId));
}
