namespace Crm.Contracts.Surveys;

/// <summary>
/// A survey's responses and their running tallies (key: tenant/survey). It is the one writer of both, so a
/// response is counted exactly once however often it is sent, and results come from the tallies, never a scan.
/// </summary>
public interface ISurveyResultsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks every response first; any bad one fails the whole batch with field errors
    /// "responses[i].field" and nothing is written. Then records the new ones and ignores those already recorded:
    /// accepted durably and counted in the results at once, their rows written just after the call (see
    /// <see cref="SettleAsync"/>). A survey still writing many earlier responses refuses with a <c>BusyException</c>;
    /// the same call later is safe. With <paramref name="dryRun"/> it only checks.
    /// </summary>
    Task<RecordOutcome> RecordAsync(ImmutableArray<ResponseInput> responses, bool dryRun, string actor);

    /// <summary>
    /// Records issued invitations (counted for the response rate, listed for the CSV, put in each customer's archive
    /// and on the tenant's webhook as <c>survey.invited</c>), once per invitation id.
    /// </summary>
    Task RecordInvitationsAsync(ImmutableArray<InvitationRecord> invitations, string actor);

    /// <summary>The survey's invitations with their links, a page at a time, optionally of one campaign.</summary>
    Task<InvitationPage> ListInvitationsAsync(string? campaignId, int pageSize, string? continuationToken);

    Task<SurveyResultsView> GetResultsAsync(SurveyResultsQuery query);

    /// <summary>The responses behind a figure, a page at a time.</summary>
    Task<SurveyResponsePage> ListResponsesAsync(ResponseFilter filter, int pageSize, string? continuationToken);

    /// <summary>How many responses the survey has.</summary>
    Task<long> CountAsync();

    /// <summary>
    /// Applies every batch accepted and not yet applied (rows, tallies, outbox) before it answers, and returns how many
    /// responses the survey has: for readers of the stored rows (insights), which would otherwise miss the newest batches.
    /// </summary>
    Task<long> SettleAsync();

    /// <summary>How many responses answered invitations of the campaign.</summary>
    Task<long> CountCampaignAnsweredAsync(string campaignId);
}
