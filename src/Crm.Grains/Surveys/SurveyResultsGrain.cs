using System.Text;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Crm.Domain.Common;
using Crm.Domain.Surveys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grains.Surveys;

/// <summary>
/// A survey's responses, invitations and result tallies. Each batch of new items is first written to the state as
/// <see cref="SurveyResultsState.Pending"/>, then applied: rows, tallies (each tally row remembers the batch that last
/// changed it, so re-applying a batch skips buckets it already reached) and the outbox of archive entries and webhook
/// events, all idempotent; then the pending batch is cleared and <see cref="SurveyDeliveryGrain"/> delivers the outbox. Activation finishes a batch a crash interrupted. The ids already
/// recorded are held in memory (loaded once per activation), so a retried or re-imported item adds nothing.
/// </summary>
public sealed partial class SurveyResultsGrain(
    [PersistentState("survey-results", CrmStorage.Name)] IPersistentState<SurveyResultsState> state,
    ISurveyResponseStore store,
    IInvitationTokens tokens,
    Crm.Grains.Scoring.ICommentScoring scoring,
    IOptions<SurveyOptions> options,
    TimeProvider time,
    ILogger<SurveyResultsGrain> logger) : Grain, ISurveyResultsGrain
{
    /// <summary>Responses a state write may carry; larger batches are applied in chunks of this size and byte budget.</summary>
    public const int ChunkSize = 500;
    private const int ChunkBytes = 400_000;
    private static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<ResultKey, TallyRow> _tallies = [];
    private HashSet<string> _responses = [];
    private HashSet<string> _invitations = [];

    // Customers seen to exist: a customer is never deleted (erasure keeps the grain), so once is enough, and a batch
    // need not wait on customers' grains that are busy taking archive entries.
    private readonly HashSet<string> _knownCustomers = new(StringComparer.Ordinal);
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    private (string TenantId, string SurveyId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, surveyId) = Key;
        var policy = await GrainFactory.GetGrain<IServiceDeskGrain>(tenantId).GetSlaPolicyAsync();
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(policy.Calendar.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
        var ids = store.ReadIdsAsync(tenantId, surveyId, cancellationToken);
        foreach (var row in await store.ReadTalliesAsync(tenantId, surveyId, cancellationToken))
        {
            _tallies[row.Key] = row;
        }

        var (responses, invitations) = await ids;
        _responses = [.. responses];
        _invitations = [.. invitations];
        if (state.State.Pending is { } pending)
        {
            await ApplyAsync(pending);
        }

        // An earlier activation may have left deliveries in the outbox (a crash between its write and the poke).
        await Delivery().PokeAsync();
    }

    public async Task<RecordOutcome> RecordAsync(ImmutableArray<ResponseInput> responses, bool dryRun, string actor)
    {
        SurveyProblems.RequireActor(actor);
        if (responses.IsDefaultOrEmpty)
        {
            return new RecordOutcome(0, 0);
        }

        var checkedResponses = await CheckAsync(responses);
        var fresh = checkedResponses.Where(r => !_responses.Contains(r.ResponseId)).DistinctBy(r => r.ResponseId).ToList();
        var outcome = new RecordOutcome(fresh.Count, checkedResponses.Count - fresh.Count);
        if (dryRun)
        {
            return outcome;
        }

        fresh = Scored(fresh);
        foreach (var chunk in Chunks(fresh))
        {
            await CommitAsync(chunk, [], actor);
        }

        return outcome;
    }

    public async Task RecordInvitationsAsync(ImmutableArray<InvitationRecord> invitations, string actor)
    {
        SurveyProblems.RequireActor(actor);
        var fresh = invitations.Where(i => !_invitations.Contains(i.InvitationId)).DistinctBy(i => i.InvitationId).ToList();
        foreach (var chunk in fresh.Chunk(ChunkSize))
        {
            await CommitAsync([], [.. chunk], actor);
        }
    }

    public Task<SurveyResultsView> GetResultsAsync(SurveyResultsQuery query)
    {
        var domain = (query ?? new()).ToDomain();
        SurveyProblems.ThrowIfAny(domain.Validate());
        var rows = SurveyResults.Compute(_tallies.Select(t => KeyValuePair.Create(t.Key, t.Value.Tally)), domain);
        return Task.FromResult(new SurveyResultsView(Key.SurveyId, query ?? new(), [.. rows.Select(ResultsRowView.From)], SurveyStatistics.MinResponses, _zone.Id));
    }

    public async Task<SurveyResponsePage> ListResponsesAsync(ResponseFilter filter, int pageSize, string? continuationToken)
    {
        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        SurveyProblems.ThrowIfAny(filter.Query.ToDomain().Validate());
        var (tenantId, surveyId) = Key;
        var (items, next) = await store.QueryResponsesAsync(tenantId, surveyId, filter, pageSize, continuationToken);
        return new SurveyResponsePage([.. items], next);
    }

    public async Task<InvitationPage> ListInvitationsAsync(string? campaignId, int pageSize, string? continuationToken)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ValidationFailedException([new("pageSize", "Between 1 and 1000.")]);
        }

        var (tenantId, surveyId) = Key;
        var (items, next) = await store.QueryInvitationsAsync(tenantId, surveyId, campaignId, pageSize, continuationToken);
        return new InvitationPage([.. items.Select(i => i.WithToken(tokens.TokenFor(tenantId, i.InvitationId)))], next);
    }

    public Task<long> CountAsync() => Task.FromResult(state.State.Responses);

    public Task<long> CountCampaignAnsweredAsync(string campaignId) =>
        Task.FromResult(state.State.CampaignAnswered?.GetValueOrDefault(campaignId) ?? 0);

    /// <summary>Checks the whole batch before anything is written; every bad field is reported, nothing stored.</summary>
    private async Task<List<SurveyResponseEvent>> CheckAsync(ImmutableArray<ResponseInput> responses)
    {
        var (tenantId, surveyId) = Key;
        var errors = new List<FieldError>();
        var now = time.GetUtcNow();
        var survey = GrainFactory.GetGrain<ISurveyGrain>(SurveyKey.Format(tenantId, surveyId));
        var versions = new Dictionary<int, SurveyVersionView>();
        var current = await survey.TakeForAnswersAsync(null);
        versions[current.Version] = current;
        foreach (var version in responses.Select(r => r?.Version).OfType<int>().Distinct().Where(v => !versions.ContainsKey(v)))
        {
            if (version >= 1 && version <= current.Version)
            {
                versions[version] = await survey.TakeForAnswersAsync(version);
            }
        }

        var customers = await ExistingCustomersAsync(tenantId, responses.Select(r => r?.CustomerId).OfType<string>().Where(Identifiers.IsEntityId).Distinct());
        var result = new List<SurveyResponseEvent>(responses.Length);
        for (var i = 0; i < responses.Length; i++)
        {
            var r = responses[i];
            var at = $"responses[{i}].";
            if (r is null)
            {
                errors.Add(new($"responses[{i}]", "Required."));
                continue;
            }

            var before = errors.Count;
            if (!Identifiers.IsEntityId(r.ResponseId))
            {
                errors.Add(new(at + "responseId", "1-64 letters, digits, '-' or '_'."));
            }

            if (!Identifiers.IsEntityId(r.CustomerId))
            {
                errors.Add(new(at + "customerId", "1-64 letters, digits, '-' or '_'."));
            }
            else if (!customers.Contains(r.CustomerId))
            {
                errors.Add(new(at + "customerId", $"No customer '{r.CustomerId}' in this tenant."));
            }

            if (r.AnsweredAt < Earliest || r.AnsweredAt > now + FutureSkew)
            {
                errors.Add(new(at + "answeredAt", "A time from 2000 up to now."));
            }

            if (!Enum.IsDefined(r.Source))
            {
                errors.Add(new(at + "source", "Transactional, Campaign or Platform."));
            }

            var version = r.Version ?? current.Version;
            if (!versions.TryGetValue(version, out var answered))
            {
                errors.Add(new(at + "version", $"This survey has versions 1 to {current.Version}."));
                continue;
            }

            if (r.Answers is null)
            {
                errors.Add(new(at + "answers", "Required."));
                continue;
            }

            var (answers, problems) = ResponseRules.Normalize(answered.Content.ToDomain(), r.Answers.ToDomain());
            errors.AddRange(problems.Select(p => new FieldError(at + "answers." + p.Field, p.Message)));
            if (errors.Count == before)
            {
                result.Add(new SurveyResponseEvent(
                    tenantId, surveyId, version, r.ResponseId, r.CustomerId, r.AnsweredAt, r.Source, AnswersInput.From(answers),
                    r.InvitationId, r.CampaignId, r.Case, now, r.InvitationId is null || r.InvitedAt is not { } invitedAt ? null : ResultKey.DayOf(invitedAt, _zone)));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        return result;
    }

    private async Task<HashSet<string>> ExistingCustomersAsync(string tenantId, IEnumerable<string> ids)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var id in ids)
        {
            if (_knownCustomers.Contains(id))
            {
                found.Add(id);
            }
            else
            {
                unknown.Add(id);
            }
        }

        foreach (var chunk in unknown.Chunk(200))
        {
            var views = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, id)).GetAsync()));
            found.UnionWith(views.OfType<CustomerView>().Select(v => v.CustomerId));
        }

        _knownCustomers.UnionWith(found);
        return found;
    }

    /// <summary>
    /// Each comment scored once, when recorded, in one batch call for the whole request (one model for all of it); the
    /// score goes into the pending batch, so a batch a crash interrupted is finished with the same scores.
    /// </summary>
    private List<SurveyResponseEvent> Scored(List<SurveyResponseEvent> responses)
    {
        var commented = responses.Select((r, i) => (r, i)).Where(x => !string.IsNullOrWhiteSpace(x.r.Answers.Comment)).ToList();
        if (commented.Count == 0)
        {
            return responses;
        }

        var scores = scoring.ScoreBatch(Key.TenantId, [.. commented.Select(x => x.r.Answers.Comment!)]);
        var result = new List<SurveyResponseEvent>(responses);
        for (var j = 0; j < commented.Count; j++)
        {
            result[commented[j].i] = commented[j].r with { CommentScore = scores[j] };
        }

        return result;
    }

    private static IEnumerable<List<SurveyResponseEvent>> Chunks(List<SurveyResponseEvent> responses)
    {
        var chunk = new List<SurveyResponseEvent>();
        var bytes = 0;
        foreach (var r in responses)
        {
            var size = 400 + Encoding.UTF8.GetByteCount(r.Answers.Comment ?? "");
            if (chunk.Count > 0 && (chunk.Count == ChunkSize || bytes + size > ChunkBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(r);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task CommitAsync(IReadOnlyList<SurveyResponseEvent> responses, IReadOnlyList<InvitationRecord> invitations, string actor)
    {
        var pending = new PendingBatch(state.State.AppliedBatch + 1, [.. responses], [.. invitations], actor);
        var previous = state.State;
        state.State = previous with { Pending = pending };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await ApplyAsync(pending);
    }

    private async Task ApplyAsync(PendingBatch batch)
    {
        try
        {
            await ApplyRowsAsync(batch);
        }
        catch (Exception ex)
        {
            // Memory may be ahead of storage now; a fresh activation reloads both and finishes the batch.
            LogApplyFailed(ex, this.GetPrimaryKeyString(), batch.Number);
            DeactivateOnIdle();
            throw;
        }

        state.State = state.State with
        {
            AppliedBatch = batch.Number,
            Pending = null,
            Responses = state.State.Responses + batch.Responses.Length,
            Invitations = state.State.Invitations + batch.Invitations.Length,
            CampaignAnswered = batch.Responses.Where(r => r.CampaignId is not null).GroupBy(r => r.CampaignId!)
                .Aggregate(state.State.CampaignAnswered ?? ImmutableDictionary<string, long>.Empty, (counts, g) => counts.SetItem(g.Key, counts.GetValueOrDefault(g.Key) + g.Count())),
        };
        await state.WriteStateAsync();
        await Delivery().PokeAsync();
        if (batch.Responses.Length > 0)
        {
            // One-way: the insights grain only arms its debounced recompute, the batch does not wait for it.
            await GrainFactory.GetGrain<ISurveyInsightsGrain>(this.GetPrimaryKeyString()).ResponsesArrivedAsync();
        }
    }

    private ISurveyDeliveryGrain Delivery() => GrainFactory.GetGrain<ISurveyDeliveryGrain>(this.GetPrimaryKeyString());

    private async Task ApplyRowsAsync(PendingBatch batch)
    {
        var (tenantId, surveyId) = Key;
        var deltas = new Dictionary<ResultKey, SurveyTally>();
        void Count(ResultKey key, Func<SurveyTally, SurveyTally> add) => deltas[key] = add(deltas.GetValueOrDefault(key) ?? SurveyTally.Empty);

        var responseRows = new List<(SurveyResponseEvent, ResultKey)>(batch.Responses.Length);
        foreach (var r in batch.Responses)
        {
            var key = BucketOf(r.AnsweredAt, r.Source, r.Case);
            responseRows.Add((r, key));
            Count(key, t => t.Add(r.Answers.ToDomain()));
            // "Answered" is counted in the invitation's bucket (its day), so a period's response rate is of its invitations.
            if (r.InvitedOn is { } invitedOn)
            {
                Count(key with { Day = invitedOn }, t => t.AddInvitationAnswered());
            }
        }

        foreach (var i in batch.Invitations)
        {
            Count(BucketOf(i.IssuedAt, i.Source, i.Case), t => t.AddInvitation());
        }

        await store.PutResponsesAsync(tenantId, surveyId, responseRows);
        await store.PutInvitationsAsync(tenantId, surveyId, batch.Invitations);

        var changed = new List<TallyRow>();
        foreach (var (key, delta) in deltas)
        {
            var row = _tallies.GetValueOrDefault(key);
            if (row is not null && row.AppliedBatch >= batch.Number)
            {
                continue;
            }

            changed.Add(new TallyRow(key, (row?.Tally ?? SurveyTally.Empty) + delta, batch.Number));
        }

        await store.PutTalliesAsync(tenantId, surveyId, changed);
        foreach (var row in changed)
        {
            _tallies[row.Key] = row;
        }

        // What others get (archive entries, webhook events) goes to the outbox with the rows; the delivery grain
        // hands it over after this call, so a batch's time does not grow with the number of customers it touches.
        var deliveries = batch.Responses.Select(r => new SurveyDelivery(r.CustomerId, SurveyArchiveEntries.Answered(r)))
            .Concat(batch.Invitations.Select(i => new SurveyDelivery(i.CustomerId, SurveyArchiveEntries.Invited(i), InvitedEvent(tenantId, i))))
            .ToList();
        if (deliveries.Count > 0)
        {
            await store.PutOutboxAsync(tenantId, surveyId, new SurveyOutboxBatch(batch.Number, batch.Actor, deliveries));
        }

        _responses.UnionWith(batch.Responses.Select(r => r.ResponseId));
        _invitations.UnionWith(batch.Invitations.Select(i => i.InvitationId));
    }

    private WebhookEvent InvitedEvent(string tenantId, InvitationRecord i)
    {
        var link = options.Value.LinkFor(tokens.TokenFor(tenantId, i.InvitationId));
        var data = ImmutableDictionary<string, string>.Empty
            .Add("tenantId", tenantId)
            .Add("surveyId", i.SurveyId)
            .Add("surveyVersion", i.SurveyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("invitationId", i.InvitationId)
            .Add("customerId", i.CustomerId)
            .Add("source", i.Source.ToString())
            .Add("expiresAt", i.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Add("link", link);
        if (i.CampaignId is { } campaign)
        {
            data = data.Add("campaignId", campaign);
        }

        // The webhook's subject field is the case for case events; an invitation names itself there.
        return new WebhookEvent($"survey-invited-{i.InvitationId}", SurveyWebhookTypes.Invited, i.IssuedAt, i.Case?.CaseId ?? i.InvitationId,
            $"Survey invitation for customer {i.CustomerId}: {link}", data);
    }

    private ResultKey BucketOf(DateTimeOffset at, SurveySource source, CaseFacts? facts) =>
        new(ResultKey.DayOf(at, _zone), source, facts?.Category, facts?.Channel, facts?.Agent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey results {Key}: batch {Batch} not fully applied; the next activation finishes it.")]
    private partial void LogApplyFailed(Exception exception, string key, long batch);
}

/// <summary>The webhook event types surveys send.</summary>
public static class SurveyWebhookTypes
{
    public const string Invited = "survey.invited";
}
