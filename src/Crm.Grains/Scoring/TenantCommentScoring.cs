using System.Collections.Concurrent;
using Crm.Contracts.Scoring;
using Crm.Scoring.Sentiment;
using Crm.Scoring.Serving;

namespace Crm.Grains.Scoring;

/// <summary>
/// A <see cref="SentimentScorer"/> per tenant, made on first use with the lexicon rule. Loading a tenant's active model
/// is the <see cref="ModelServingLoader"/>'s job: it calls <see cref="Serve"/>, which swaps the model in one reference write.
/// </summary>
public sealed class TenantCommentScoring : ICommentScoring
{
    private readonly ConcurrentDictionary<string, SentimentScorer> scorers = new(StringComparer.Ordinal);

    public CommentScore Score(string tenantId, string text) => ToScore(For(tenantId).Score(text));

    public IReadOnlyList<CommentScore> ScoreBatch(string tenantId, IReadOnlyList<string> texts) =>
        texts.Count == 0 ? [] : [.. For(tenantId).ScoreBatch(texts).Select(ToScore)];

    public void Serve(string tenantId, SentimentModel? model, string version) => For(tenantId).Swap(model, version);

    public string ServingVersion(string tenantId) => For(tenantId).ModelVersion;

    /// <summary>The tenants this silo has scored or served, whose activation the <see cref="ModelServingLoader"/> watches.</summary>
    public IReadOnlyCollection<string> Tenants => [.. scorers.Keys];

    /// <summary>Raised once per tenant, when the silo first needs its scorer, so its active model is loaded soon.</summary>
    public event Action<string>? TenantFirstScored;

    private SentimentScorer For(string tenantId)
    {
        if (scorers.TryGetValue(tenantId, out var scorer))
        {
            return scorer;
        }

        var added = false;
        scorer = scorers.GetOrAdd(tenantId, _ =>
        {
            added = true;
            return new SentimentScorer();
        });
        if (added)
        {
            TenantFirstScored?.Invoke(tenantId);
        }

        return scorer;
    }

    private static CommentScore ToScore(SentimentScore s) => new(s.Score, s.Class switch
    {
        SentimentClass.Dissatisfied => CommentTone.Dissatisfied,
        SentimentClass.Satisfied => CommentTone.Satisfied,
        _ => CommentTone.Neutral,
    }, s.ModelVersion, s.Source == ScoreSource.Model);
}
