using System.Collections.Concurrent;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Crm.Grains.Surveys;

namespace Crm.Grains.Tests;

/// <summary>The real survey store, whose row or tally writes a test can make fail for one tenant to prove a queued batch is finished later, once.</summary>
public sealed class FlakySurveyStore(ISurveyResponseStore inner) : ISurveyResponseStore
{
    private readonly ConcurrentDictionary<string, bool> _failResponses = new();
    private readonly ConcurrentDictionary<string, bool> _failTallies = new();

    /// <summary>Every response-row write of the tenant fails until <see cref="Heal"/>.</summary>
    public void FailResponses(string tenantId) => _failResponses[tenantId] = true;

    /// <summary>Every tally write of the tenant fails until <see cref="Heal"/> (the rows before it succeed).</summary>
    public void FailTallies(string tenantId) => _failTallies[tenantId] = true;

    public void Heal(string tenantId)
    {
        _failResponses.TryRemove(tenantId, out _);
        _failTallies.TryRemove(tenantId, out _);
    }

    public Task<(IReadOnlyCollection<string> Responses, IReadOnlyCollection<string> Invitations)> ReadIdsAsync(string tenantId, string surveyId, CancellationToken cancellationToken = default) =>
        inner.ReadIdsAsync(tenantId, surveyId, cancellationToken);

    public Task PutResponsesAsync(string tenantId, string surveyId, IReadOnlyList<(SurveyResponseEvent Response, ResultKey Key)> responses, CancellationToken cancellationToken = default) =>
        _failResponses.ContainsKey(tenantId)
            ? throw new IOException($"Injected survey row write failure for tenant {tenantId}.")
            : inner.PutResponsesAsync(tenantId, surveyId, responses, cancellationToken);

    public Task PutInvitationsAsync(string tenantId, string surveyId, IReadOnlyList<InvitationRecord> invitations, CancellationToken cancellationToken = default) =>
        inner.PutInvitationsAsync(tenantId, surveyId, invitations, cancellationToken);

    public Task<IReadOnlyList<TallyRow>> ReadTalliesAsync(string tenantId, string surveyId, CancellationToken cancellationToken = default) =>
        inner.ReadTalliesAsync(tenantId, surveyId, cancellationToken);

    public Task PutTalliesAsync(string tenantId, string surveyId, IReadOnlyList<TallyRow> tallies, CancellationToken cancellationToken = default) =>
        _failTallies.ContainsKey(tenantId)
            ? throw new IOException($"Injected survey tally write failure for tenant {tenantId}.")
            : inner.PutTalliesAsync(tenantId, surveyId, tallies, cancellationToken);

    public Task<(IReadOnlyList<SurveyResponseEvent> Items, string? ContinuationToken)> QueryResponsesAsync(
        string tenantId, string surveyId, ResponseFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        inner.QueryResponsesAsync(tenantId, surveyId, filter, pageSize, continuationToken, cancellationToken);

    public Task<(IReadOnlyList<InvitationRecord> Items, string? ContinuationToken)> QueryInvitationsAsync(
        string tenantId, string surveyId, string? campaignId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        inner.QueryInvitationsAsync(tenantId, surveyId, campaignId, pageSize, continuationToken, cancellationToken);

    public Task PutOutboxAsync(string tenantId, string surveyId, SurveyOutboxBatch batch, CancellationToken cancellationToken = default) =>
        inner.PutOutboxAsync(tenantId, surveyId, batch, cancellationToken);

    public Task<IReadOnlyList<SurveyOutboxBatch>> ReadOutboxAsync(string tenantId, string surveyId, int maxBatches, CancellationToken cancellationToken = default) =>
        inner.ReadOutboxAsync(tenantId, surveyId, maxBatches, cancellationToken);

    public Task DeleteOutboxAsync(string tenantId, string surveyId, IReadOnlyCollection<long> batchNumbers, CancellationToken cancellationToken = default) =>
        inner.DeleteOutboxAsync(tenantId, surveyId, batchNumbers, cancellationToken);

    public Task RedactCommentsAsync(string tenantId, string customerId, CancellationToken cancellationToken = default) =>
        inner.RedactCommentsAsync(tenantId, customerId, cancellationToken);
}
