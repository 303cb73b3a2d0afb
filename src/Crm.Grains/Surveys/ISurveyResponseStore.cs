using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>One bucket's tally as stored, with the batch that last changed it (so a repeated batch is not counted twice).</summary>
public sealed record TallyRow(ResultKey Key, SurveyTally Tally, long AppliedBatch);

/// <summary>
/// A survey's rows: responses, invitations and the result tallies, one partition per survey each. The results grain
/// is their only writer; every write is an upsert of rows keyed by id, so repeating one is safe.
/// </summary>
public interface ISurveyResponseStore
{
    /// <summary>Every response id and every invitation id the survey has (keys only).</summary>
    Task<(IReadOnlyCollection<string> Responses, IReadOnlyCollection<string> Invitations)> ReadIdsAsync(string tenantId, string surveyId, CancellationToken cancellationToken = default);

    /// <summary>Writes responses with the bucket each is counted in (its day in the tenant's zone and its facts), for drill-down filters.</summary>
    Task PutResponsesAsync(string tenantId, string surveyId, IReadOnlyList<(SurveyResponseEvent Response, ResultKey Key)> responses, CancellationToken cancellationToken = default);

    Task PutInvitationsAsync(string tenantId, string surveyId, IReadOnlyList<InvitationRecord> invitations, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TallyRow>> ReadTalliesAsync(string tenantId, string surveyId, CancellationToken cancellationToken = default);

    Task PutTalliesAsync(string tenantId, string surveyId, IReadOnlyList<TallyRow> tallies, CancellationToken cancellationToken = default);

    /// <summary>Responses matching the filter (days are the tenant's, as the tallies count them), a page at a time.</summary>
    Task<(IReadOnlyList<SurveyResponseEvent> Items, string? ContinuationToken)> QueryResponsesAsync(
        string tenantId, string surveyId, ResponseFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    Task<(IReadOnlyList<InvitationRecord> Items, string? ContinuationToken)> QueryInvitationsAsync(
        string tenantId, string surveyId, string? campaignId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Writes a batch's deliveries (replacing the same batch written before); the texts are encrypted.</summary>
    Task PutOutboxAsync(string tenantId, string surveyId, SurveyOutboxBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The oldest complete batches still to deliver, at most <paramref name="maxBatches"/>, in batch order.</summary>
    Task<IReadOnlyList<SurveyOutboxBatch>> ReadOutboxAsync(string tenantId, string surveyId, int maxBatches, CancellationToken cancellationToken = default);

    /// <summary>Removes delivered batches; a batch already gone is no error.</summary>
    Task DeleteOutboxAsync(string tenantId, string surveyId, IReadOnlyCollection<long> batchNumbers, CancellationToken cancellationToken = default);

    /// <summary>Removes the comment of every response of the customer in every survey of the tenant (erasure); idempotent.</summary>
    Task RedactCommentsAsync(string tenantId, string customerId, CancellationToken cancellationToken = default);
}

/// <summary>Makes an invitation's link token; the key stays in the silo (see <see cref="InvitationToken"/>).</summary>
public interface IInvitationTokens
{
    string TokenFor(string tenantId, string invitationId);
}
