using System.Collections.Concurrent;
using System.Threading.Channels;
using Crm.Scoring;
using Crm.Scoring.Models;
using Crm.Scoring.Sentiment;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grains.Scoring;

/// <summary>
/// Keeps this silo's <see cref="TenantCommentScoring"/> serving each tenant's active comment-sentiment model. It
/// checks the activation record of every tenant the silo has scored every <see cref="ModelServingOptions.RefreshEvery"/>
/// (at once for a tenant seen for the first time, or when asked), and when it changed loads the model in the
/// background and swaps it in. Scoring never waits for it: until a model is loaded the previous one (or the lexicon)
/// scores, and each score names what made it. A hosted service, not a grain: loading is I/O and CPU off any grain's turn.
/// </summary>
public sealed partial class ModelServingLoader : BackgroundService
{
    private readonly TenantCommentScoring _scoring;
    private readonly IModelStore _store;
    private readonly ModelServingOptions _options;
    private readonly ILogger<ModelServingLoader> _log;
    private readonly Channel<string> _asked = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, string?> _appliedETags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public ModelServingLoader(TenantCommentScoring scoring, IModelStore store, IOptions<ModelServingOptions> options, ILogger<ModelServingLoader> log)
    {
        _scoring = scoring;
        _store = store;
        _options = options.Value;
        _log = log;
        scoring.TenantFirstScored += Request;
    }

    /// <summary>Asks for a check of the tenant's activation soon, without waiting for it (after an activation on this silo).</summary>
    public void Request(string tenantId) => _asked.Writer.TryWrite(tenantId);

    /// <summary>Checks the tenant's activation now and serves what it names; returns the version label served after.</summary>
    public async Task<string> RefreshAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(tenantId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (activation, etag) = await _store.GetActivationAsync(tenantId, ScoringNames.CommentSentiment, cancellationToken);
            if (_appliedETags.TryGetValue(tenantId, out var applied) && applied == etag && etag is not null)
            {
                return _scoring.ServingVersion(tenantId);
            }

            if (activation.Active is not { } version)
            {
                _scoring.Serve(tenantId, null, ScoringNames.LexiconVersion);
            }
            else if (_scoring.ServingVersion(tenantId) != ModelVersions.Label(ScoringNames.CommentSentiment, version))
            {
                var manifest = await _store.GetAsync(tenantId, ScoringNames.CommentSentiment, version, cancellationToken)
                    ?? throw new InvalidDataException($"{ModelVersions.Label(ScoringNames.CommentSentiment, version)} of tenant {tenantId} is active but has no manifest.");
                var bytes = await _store.ReadModelAsync(manifest, cancellationToken);
                var model = SentimentModel.Load(new MemoryStream(bytes, writable: false), manifest.Options);
                _scoring.Serve(tenantId, model, manifest.Label);
                LogServing(tenantId, manifest.Label);
            }

            _appliedETags[tenantId] = etag;
            return _scoring.ServingVersion(tenantId);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(AnswerRequestsAsync(stoppingToken), SweepAsync(stoppingToken));

    private async Task AnswerRequestsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var tenant in _asked.Reader.ReadAllAsync(stoppingToken))
            {
                await TryRefreshAsync(tenant, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var tenant in _scoring.Tenants)
                {
                    await TryRefreshAsync(tenant, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TryRefreshAsync(string tenant, CancellationToken stoppingToken)
    {
        try
        {
            await RefreshAsync(tenant, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Storage down or a damaged file: keep serving what serves now, try again at the next sweep.
            LogRefreshFailed(ex, tenant);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} is now scored by {Version}.")]
    private partial void LogServing(string tenantId, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the comment-sentiment model of tenant {TenantId}; the current one keeps scoring.")]
    private partial void LogRefreshFailed(Exception exception, string tenantId);
}
