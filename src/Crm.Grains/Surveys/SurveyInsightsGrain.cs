using Crm.Contracts.Common;
using Crm.Contracts.Scoring;
using Crm.Contracts.Surveys;
using Crm.Domain.Common;
using Crm.Domain.Localization;
using Crm.Domain.Surveys;
using Crm.Grains.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grains.Surveys;

/// <summary>
/// Serves a survey's insights (key: tenant/survey). The default query's result is computed in the background by
/// <see cref="SurveyInsightsComputeGrain"/>, a while after the last batch of responses (debounced, one at a time), and
/// stored, so a view, or a new activation after a restart, answers at once with the last result, its time and count,
/// and whether a newer one is under way. Filtered queries are computed when asked and kept in memory per query until
/// the survey's response count moves.
/// </summary>
public sealed partial class SurveyInsightsGrain(
    [PersistentState("survey-insights", CrmStorage.Name)] IPersistentState<SurveyInsightsState> state,
    ISurveyResponseStore store,
    ICommentScoring scoring,
    IOptions<SurveyInsightsOptions> options,
    TimeProvider time,
    ILogger<SurveyInsightsGrain> logger) : Grain, ISurveyInsightsGrain
{
    private const int CacheSize = 16;
    private const int TonePagesPerCall = 5;
    private static readonly SurveyResultsQuery DefaultQuery = new();

    private readonly Dictionary<SurveyResultsQuery, SurveyInsightsSnapshot> _cache = [];
    private IGrainTimer? _timer;
    private bool _armed;
    private DateTimeOffset? _pendingSince;
    private Task? _running;

    public async Task<SurveyInsightsView> GetInsightsAsync(SurveyResultsQuery query, string language)
    {
        query = (query ?? new()) with { By = ResultsBreakdown.None };
        SurveyProblems.ThrowIfAny(query.ToDomain().Validate());
        var lang = Languages.Normalize(language) ?? Languages.Default;
        var seen = await GrainFactory.GetGrain<ISurveyResultsGrain>(this.GetPrimaryKeyString()).CountAsync();
        if (query == DefaultQuery)
        {
            return await DefaultViewAsync(seen, lang);
        }

        if (!_cache.TryGetValue(query, out var computed) || computed.Seen != seen)
        {
            computed = await Compute().ComputeAsync(query);
            if (_cache.Count >= CacheSize)
            {
                _cache.Clear();
            }

            _cache[query] = computed;
        }

        return In(computed, lang);
    }

    public Task ResponsesArrivedAsync()
    {
        Schedule(options.Value.RecomputeAfter);
        return Task.CompletedTask;
    }

    public Task<SurveyInsightsView?> GetStoredInsightsAsync(string language) =>
        Task.FromResult(state.State.Default is { } stored ? In(stored, Languages.Normalize(language) ?? Languages.Default) : null);

    public async Task<ScoredResponsePage> ListScoredResponsesAsync(ResponseFilter filter, CommentTone? tone, int pageSize, string? continuationToken)
    {
        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        SurveyProblems.ThrowIfAny(filter.Query.ToDomain().Validate());
        var (tenantId, surveyId) = SurveyKey.Parse(this.GetPrimaryKeyString());
        var items = new List<ScoredResponseView>();
        var token = continuationToken;
        // A tone filter skips rows, so read up to a few store pages for one page of matches; the token goes on from there.
        for (var read = 0; read < TonePagesPerCall && items.Count < pageSize; read++)
        {
            var (page, next) = await store.QueryResponsesAsync(tenantId, surveyId, filter, pageSize, token);
            token = next;
            var scores = SurveyInsightsComputeGrain.ScoresOf(scoring, tenantId, page);
            for (var i = 0; i < page.Count; i++)
            {
                var (response, score) = (page[i], scores[i]);
                if (tone is null || score?.Tone == tone)
                {
                    items.Add(new ScoredResponseView(response, score));
                }
            }

            if (token is null || tone is null)
            {
                break;
            }
        }

        return new ScoredResponsePage([.. items], token);
    }

    private async Task<SurveyInsightsView> DefaultViewAsync(long seen, string language)
    {
        if (state.State.Default is { } stored)
        {
            // Stale (responses the poke did not cover, e.g. recorded before a restart): refresh now, not after the debounce.
            if (stored.Seen != seen && _running is null && !_armed)
            {
                Schedule(TimeSpan.Zero);
            }

            return In(stored, language) with { Recomputing = stored.Seen != seen || _running is not null };
        }

        // The first result: start it now and wait a little, so a small survey's first view still shows figures.
        var running = _running ?? Start();
        await Task.WhenAny(running, Task.Delay(options.Value.FirstResultWait, time));
        return state.State.Default is { } first
            ? In(first, language)
            : new SurveyInsightsView(
                SurveyKey.Parse(this.GetPrimaryKeyString()).Id, DefaultQuery, 0, 0, SurveyInsightsComputeGrain.MinResponses, SurveyInsightsComputeGrain.MinEachSide,
                false, SurveyInsightsComputeGrain.Method, SurveyInsightsComputeGrain.Folds, SurveyInsightsComputeGrain.Permutations, null, [], [], [],
                new ToneCountsView(0, 0, 0, scoring.ServingVersion(SurveyKey.Parse(this.GetPrimaryKeyString()).TenantId)), language, time.GetUtcNow(),
                Recomputing: true, Pending: true);
    }

    /// <summary>
    /// (Re)arms the one recompute timer <paramref name="due"/> from now: each batch postpones it, so a burst of batches
    /// costs one computation, but never past <see cref="SurveyInsightsOptions.LongestDelay"/> after the first of them.
    /// </summary>
    private void Schedule(TimeSpan due)
    {
        var now = time.GetUtcNow();
        _pendingSince ??= now;
        if (_armed && now - _pendingSince.Value + due > options.Value.LongestDelay)
        {
            return;
        }

        // One one-shot timer per activation, re-armed with Change rather than disposed and made again.
        _armed = true;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimerAsync(CancellationToken cancellation)
    {
        _armed = false;
        _pendingSince = null;
        if (_running is not null)
        {
            // One at a time: the running computation looks for responses that arrived meanwhile when it ends.
            return;
        }

        await Start();
    }

    private Task Start()
    {
        var task = RecomputeAsync();
        _running = task.IsCompleted ? null : task;
        return task;
    }

    private async Task RecomputeAsync()
    {
        try
        {
            var snapshot = await Compute().ComputeAsync(DefaultQuery);
            state.State = state.State with { Default = snapshot };
            await state.WriteStateAsync();
            var seen = await GrainFactory.GetGrain<ISurveyResultsGrain>(this.GetPrimaryKeyString()).CountAsync();
            _running = null;
            if (seen != snapshot.Seen && !_armed)
            {
                Schedule(options.Value.RecomputeAfter);
            }
        }
        catch (Exception ex)
        {
            // The last stored result keeps being served; the next batch of responses or view tries again.
            LogRecomputeFailed(ex, this.GetPrimaryKeyString());
        }
        finally
        {
            _running = null;
        }
    }

    private ISurveyInsightsComputeGrain Compute() => GrainFactory.GetGrain<ISurveyInsightsComputeGrain>(this.GetPrimaryKeyString());

    private static SurveyInsightsView In(SurveyInsightsSnapshot snapshot, string language) =>
        language == Languages.Chinese ? snapshot.Chinese : snapshot.English;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey insights {Key}: the background recompute failed; the last result stays served.")]
    private partial void LogRecomputeFailed(Exception ex, string key);
}
