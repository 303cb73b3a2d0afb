using Crm.Contracts.Scoring;

namespace Crm.Grains.Scoring;

/// <summary>
/// Comment sentiment for grains: one scorer per tenant, shared by every grain of the silo and thread-safe. A tenant
/// with no active model is scored by the lexicon rule, and each score says which produced it.
/// </summary>
public interface ICommentScoring
{
    CommentScore Score(string tenantId, string text);

    /// <summary>Scores many texts in order with one model (the one serving when the call began); cheaper per text.</summary>
    IReadOnlyList<CommentScore> ScoreBatch(string tenantId, IReadOnlyList<string> texts);

    /// <summary>Serves <paramref name="model"/> for the tenant from now on (null: the lexicon rule); atomic, never blocks scoring.</summary>
    void Serve(string tenantId, Crm.Scoring.Sentiment.SentimentModel? model, string version);

    /// <summary>The version label of what scores the tenant's texts now.</summary>
    string ServingVersion(string tenantId);
}
