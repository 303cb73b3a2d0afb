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
/// A survey's responses, invitations and result tallies. A request's new items are accepted by one state write, into
/// <see cref="SurveyResultsState.Queue"/> (batches of at most one table transaction of rows), and the caller is answered;
/// a timer then applies the queue oldest first, one storage call per turn (the batch's rows, its tallies, its outbox of
/// archive entries and webhook events, the state without it), so a request never waits behind more than one storage
/// call of earlier work. Every step is idempotent (each tally row remembers the batch that last changed it), so a crash
/// anywhere leaves the batch queued and the next activation (the next call, or the reminder kept while the queue holds
/// batches) applies it again, counted exactly once. Results and counts include queued batches; listing rows first
/// applies them. A full queue asks the caller to come back (<see cref="BusyException"/>, a 503 with Retry-After).
/// The ids already recorded or queued are held in memory (loaded once per activation), so a retried or re-imported
/// item adds nothing.
/// </summary>
public sealed partial class SurveyResultsGrain(
    [PersistentState("survey-results", CrmStorage.Name)] IPersistentState<SurveyResultsState> state,
    ISurveyResponseStore store,
    IInvitationTokens tokens,
    Crm.Grains.Scoring.ICommentScoring scoring,
    IOptions<SurveyOptions> options,
    TimeProvider time,
    ILogger<SurveyResultsGrain> logger) : Grain, ISurveyResultsGrain, IRemindable
{
    /// <summary>Items one queued batch holds: one table transaction of rows, so each step of applying it is one storage call.</summary>
    public const int ChunkSize = 100;
    private const int ChunkBytes = 200_000;

    /// <summary>
    /// Responses the queue holds before a caller is asked to come back: every accept rewrites the state with the whole
    /// queue, so it stays small (and well under a grain state's 1 MB) while a caller sends faster than rows are applied.
    /// </summary>
    public const int MaxQueuedResponses = 500;
    private const int MaxQueuedBytes = 400_000;

    /// <summary>What a caller told "busy" waits before sending the same request again.</summary>
    public const int BusyRetrySeconds = 1;

    public const string QueueReminder = "survey-results-queue";

    /// <summary>Orleans' shortest reminder period: it only wakes the grain after a crash left batches queued; the timer applies them.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StepPeriod = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<ResultKey, TallyRow> _tallies = [];
    private HashSet<string> _responses = [];
    private HashSet<string> _invitations = [];

    // Customers seen to exist: a customer is never deleted (erasure keeps the grain), so once is enough, and a batch
    // need not wait on customers' grains that are busy taking archive entries.
    private readonly HashSet<string> _knownCustomers = new(StringComparer.Ordinal);
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    // The applier: the queue's head batch and the step of it done next (memory only: after a crash the steps run again).
    private IGrainTimer? _applier;
    private (long Number, int Step) _cursor;
    private bool _reminded;

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
            // A state written before the queue: its one pending batch goes first (the next state write stores it so).
            state.State = state.State with { Pending = null, Queue = state.State.Queued.Insert(0, pending) };
        }

        foreach (var batch in state.State.Queued)
        {
            _responses.UnionWith(batch.Responses.Select(r => r.ResponseId));
            _invitations.UnionWith(batch.Invitations.Select(i => i.InvitationId));
        }

        if (!state.State.Queued.IsEmpty)
        {
            StartApplying();
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

        if (fresh.Count == 0)
        {
            return outcome;
        }

        var queued = state.State.Queued;
        var bytes = fresh.Sum(Bytes);
        if (!queued.IsEmpty && (QueuedResponses(queued) + fresh.Count > MaxQueuedResponses || QueuedBytes(queued) + bytes > MaxQueuedBytes))
        {
            throw new BusyException(
                $"This survey is still recording earlier responses. Retry the same request in {BusyRetrySeconds} seconds; it is safe to repeat.", BusyRetrySeconds);
        }

        var chunks = Chunks(Scored(fresh)).ToList();
        if (fresh.Count <= MaxQueuedResponses && bytes <= MaxQueuedBytes)
        {
            await EnqueueAsync([.. chunks.Select(c => (c, NoInvitations))], actor);
            return outcome;
        }

        // More than the queue holds (a large API request of long comments), with the queue empty: one batch at a time,
        // each applied before the next is accepted, so the state stays small.
        foreach (var chunk in chunks)
        {
            await EnqueueAsync([(chunk, NoInvitations)], actor);
            await DrainAsync();
        }

        return outcome;
    }

    private static readonly IReadOnlyList<InvitationRecord> NoInvitations = [];

    public async Task RecordInvitationsAsync(ImmutableArray<InvitationRecord> invitations, string actor)
    {
        SurveyProblems.RequireActor(actor);
        var fresh = invitations.Where(i => !_invitations.Contains(i.InvitationId)).DistinctBy(i => i.InvitationId).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        // Recorded before the call returns: the caller (a campaign, a resolved case) counts them as issued.
        await EnqueueAsync([.. fresh.Chunk(ChunkSize).Select(c => ((IReadOnlyList<SurveyResponseEvent>)[], (IReadOnlyList<InvitationRecord>)c))], actor);
        await DrainAsync();
    }

    public Task<SurveyResultsView> GetResultsAsync(SurveyResultsQuery query)
    {
        var domain = (query ?? new()).ToDomain();
        SurveyProblems.ThrowIfAny(domain.Validate());
        var rows = SurveyResults.Compute(TalliesWithQueued(), domain);
        return Task.FromResult(new SurveyResultsView(Key.SurveyId, query ?? new(), [.. rows.Select(ResultsRowView.From)], SurveyStatistics.MinResponses, _zone.Id));
    }

    public async Task<SurveyResponsePage> ListResponsesAsync(ResponseFilter filter, int pageSize, string? continuationToken)
    {
        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        SurveyProblems.ThrowIfAny(filter.Query.ToDomain().Validate());
        await DrainAsync();
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

        await DrainAsync();
        var (tenantId, surveyId) = Key;
        var (items, next) = await store.QueryInvitationsAsync(tenantId, surveyId, campaignId, pageSize, continuationToken);
        return new InvitationPage([.. items.Select(i => i.WithToken(tokens.TokenFor(tenantId, i.InvitationId)))], next);
    }

    public Task<long> CountAsync() => Task.FromResult(state.State.Responses + QueuedResponses(state.State.Queued));

    public async Task<long> SettleAsync()
    {
        await DrainAsync();
        return state.State.Responses;
    }

    public Task<long> CountCampaignAnsweredAsync(string campaignId) =>
        Task.FromResult((state.State.CampaignAnswered?.GetValueOrDefault(campaignId) ?? 0)
                        + state.State.Queued.Sum(b => b.Responses.Count(r => r.CampaignId == campaignId)));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.State.Queued.IsEmpty)
        {
            // Activation has started the applier; the reminder only had to wake the grain.
            _reminded = true;
            StartApplying();
        }
        else if (await this.GetReminder(QueueReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _reminded = false;
        }
    }

    /// <summary>The stored tallies with the queued batches' counts added (a bucket a batch has already reached is not added again).</summary>
    private IEnumerable<KeyValuePair<ResultKey, SurveyTally>> TalliesWithQueued()
    {
        var queued = state.State.Queued;
        if (queued.IsEmpty)
        {
            return _tallies.Select(t => KeyValuePair.Create(t.Key, t.Value.Tally));
        }

        var tallies = _tallies.ToDictionary(t => t.Key, t => t.Value.Tally);
        foreach (var batch in queued)
        {
            foreach (var (key, delta) in Deltas(batch))
            {
                if (!(_tallies.TryGetValue(key, out var row) && row.AppliedBatch >= batch.Number))
                {
                    tallies[key] = (tallies.GetValueOrDefault(key) ?? SurveyTally.Empty) + delta;
                }
            }
        }

        return tallies;
    }

    private static long QueuedResponses(ImmutableArray<PendingBatch> queued) => queued.Sum(b => (long)b.Responses.Length);

    private static long QueuedBytes(ImmutableArray<PendingBatch> queued) => queued.Sum(b => b.Responses.Sum(Bytes) + 300L * b.Invitations.Length);

    private static int Bytes(SurveyResponseEvent r) => 400 + Encoding.UTF8.GetByteCount(r.Answers.Comment ?? "");

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

        // Timed, so the share of recording that goes to scoring can be read (the survey bench reads this counter).
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var scores = scoring.ScoreBatch(Key.TenantId, [.. commented.Select(x => x.r.Answers.Comment!)]);
        CrmMetrics.SurveyScoringSeconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
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
            var size = Bytes(r);
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

    /// <summary>Accepts batches: one state write puts them on the queue (numbered on from the last), and the applier starts.</summary>
    private async Task EnqueueAsync(IReadOnlyList<(IReadOnlyList<SurveyResponseEvent> Responses, IReadOnlyList<InvitationRecord> Invitations)> batches, string actor)
    {
        var previous = state.State;
        var last = previous.Queued.IsEmpty ? previous.AppliedBatch : previous.Queued[^1].Number;
        var added = batches.Select((b, i) => new PendingBatch(last + 1 + i, [.. b.Responses], [.. b.Invitations], actor)).ToList();
        state.State = previous with { Queue = previous.Queued.AddRange(added) };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        foreach (var batch in added)
        {
            _responses.UnionWith(batch.Responses.Select(r => r.ResponseId));
            _invitations.UnionWith(batch.Invitations.Select(i => i.InvitationId));
        }

        StartApplying();
    }

    private void StartApplying() =>
        // Not interleaving: each tick is a turn of its own between calls, so it changes state as a call would.
        _applier ??= this.RegisterGrainTimer(_ => ApplyNextStepAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, StepPeriod) { KeepAlive = true });

    /// <summary>One timer tick: one storage call of the queue's head batch; a failure is tried again after a pause.</summary>
    private async Task ApplyNextStepAsync()
    {
        var queued = state.State.Queued;
        if (queued.IsEmpty)
        {
            _applier?.Dispose();
            _applier = null;
            return;
        }

        try
        {
            if (!_reminded)
            {
                // Once per activation: should this silo die with batches queued, the reminder wakes the grain to finish them.
                await this.RegisterOrUpdateReminder(QueueReminder, ReminderPeriod, ReminderPeriod);
                _reminded = true;
                return;
            }

            await StepAsync(queued[0]);
        }
        catch (Exception ex)
        {
            LogApplyFailed(ex, this.GetPrimaryKeyString(), queued[0].Number);
            // A pause before the next try, rather than a tick every millisecond against storage that is failing.
            _applier?.Change(RetryDelay, StepPeriod);
        }
    }

    /// <summary>Applies every queued batch now, for a caller that reads the rows or needs them recorded before it returns.</summary>
    private async Task DrainAsync()
    {
        while (!state.State.Queued.IsEmpty)
        {
            var head = state.State.Queued[0];
            while (!await StepAsync(head))
            {
            }
        }
    }

    /// <summary>Runs the next step of <paramref name="batch"/> (the queue's head); true once it is applied and off the queue.</summary>
    private async Task<bool> StepAsync(PendingBatch batch)
    {
        if (_cursor.Number != batch.Number)
        {
            _cursor = (batch.Number, 0);
        }

        switch (_cursor.Step)
        {
            case 0:
                await PutRowsAsync(batch);
                break;
            case 1:
                await PutTalliesAsync(batch);
                break;
            case 2:
                await PutOutboxAsync(batch);
                break;
            default:
                await FinishAsync(batch);
                _cursor = default;
                return true;
        }

        _cursor = (batch.Number, _cursor.Step + 1);
        return false;
    }

    private async Task PutRowsAsync(PendingBatch batch)
    {
        var (tenantId, surveyId) = Key;
        if (batch.Responses.Length > 0)
        {
            await store.PutResponsesAsync(tenantId, surveyId, [.. batch.Responses.Select(r => (r, BucketOf(r.AnsweredAt, r.Source, r.Case)))]);
        }

        if (batch.Invitations.Length > 0)
        {
            await store.PutInvitationsAsync(tenantId, surveyId, batch.Invitations);
        }
    }

    /// <summary>A batch's counts per bucket. "Answered" is counted in the invitation's bucket (its day), so a period's response rate is of its invitations.</summary>
    private Dictionary<ResultKey, SurveyTally> Deltas(PendingBatch batch)
    {
        var deltas = new Dictionary<ResultKey, SurveyTally>();
        void Count(ResultKey key, Func<SurveyTally, SurveyTally> add) => deltas[key] = add(deltas.GetValueOrDefault(key) ?? SurveyTally.Empty);
        foreach (var r in batch.Responses)
        {
            var key = BucketOf(r.AnsweredAt, r.Source, r.Case);
            Count(key, t => t.Add(r.Answers.ToDomain()));
            if (r.InvitedOn is { } invitedOn)
            {
                Count(key with { Day = invitedOn }, t => t.AddInvitationAnswered());
            }
        }

        foreach (var i in batch.Invitations)
        {
            Count(BucketOf(i.IssuedAt, i.Source, i.Case), t => t.AddInvitation());
        }

        return deltas;
    }

    private async Task PutTalliesAsync(PendingBatch batch)
    {
        var (tenantId, surveyId) = Key;
        var changed = new List<TallyRow>();
        foreach (var (key, delta) in Deltas(batch))
        {
            var row = _tallies.GetValueOrDefault(key);
            if (row is not null && row.AppliedBatch >= batch.Number)
            {
                continue;
            }

            changed.Add(new TallyRow(key, (row?.Tally ?? SurveyTally.Empty) + delta, batch.Number));
        }

        // Memory follows storage only once the write succeeded: a failed (even partly written) put is computed again
        // from the same values, so a bucket it did reach gets the same row again, never a second count.
        await store.PutTalliesAsync(tenantId, surveyId, changed);
        foreach (var row in changed)
        {
            _tallies[row.Key] = row;
        }
    }

    private async Task PutOutboxAsync(PendingBatch batch)
    {
        // What others get (archive entries, webhook events) goes to the outbox with the rows; the delivery grain
        // hands it over later, so a batch's time does not grow with the number of customers it touches.
        var (tenantId, surveyId) = Key;
        var deliveries = batch.Responses.Select(r => new SurveyDelivery(r.CustomerId, SurveyArchiveEntries.Answered(r)))
            .Concat(batch.Invitations.Select(i => new SurveyDelivery(i.CustomerId, SurveyArchiveEntries.Invited(i), InvitedEvent(tenantId, i))))
            .ToList();
        if (deliveries.Count > 0)
        {
            await store.PutOutboxAsync(tenantId, surveyId, new SurveyOutboxBatch(batch.Number, batch.Actor, deliveries));
        }
    }

    private async Task FinishAsync(PendingBatch batch)
    {
        var previous = state.State;
        state.State = previous with
        {
            AppliedBatch = batch.Number,
            Queue = previous.Queued.RemoveAt(0),
            Responses = previous.Responses + batch.Responses.Length,
            Invitations = previous.Invitations + batch.Invitations.Length,
            CampaignAnswered = batch.Responses.Where(r => r.CampaignId is not null).GroupBy(r => r.CampaignId!)
                .Aggregate(previous.CampaignAnswered ?? ImmutableDictionary<string, long>.Empty, (counts, g) => counts.SetItem(g.Key, counts.GetValueOrDefault(g.Key) + g.Count())),
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await Delivery().PokeAsync();
        if (batch.Responses.Length > 0)
        {
            // One-way: the insights grain only arms its debounced recompute, the batch does not wait for it.
            await GrainFactory.GetGrain<ISurveyInsightsGrain>(this.GetPrimaryKeyString()).ResponsesArrivedAsync();
        }
    }

    private ISurveyDeliveryGrain Delivery() => GrainFactory.GetGrain<ISurveyDeliveryGrain>(this.GetPrimaryKeyString());

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey results {Key}: batch {Batch} not yet applied; trying again.")]
    private partial void LogApplyFailed(Exception exception, string key, long batch);
}

/// <summary>The webhook event types surveys send.</summary>
public static class SurveyWebhookTypes
{
    public const string Invited = "survey.invited";
}
