using Crm.Contracts.Scoring;
using Crm.Grains.Scoring;
using Crm.Scoring;

namespace Crm.Grains.Tests.Scoring;

/// <summary>The silo's per-tenant scorer before any model is trained: the lexicon rule, labelled as such.</summary>
public sealed class TenantCommentScoringTests
{
    [Theory]
    [InlineData("物流太慢了，客服态度也很差，非常失望", CommentTone.Dissatisfied)]
    [InlineData("质量很好，发货快，客服很耐心，满意", CommentTone.Satisfied)]
    [InlineData("The courier was rude and the parcel arrived broken, very disappointed", CommentTone.Dissatisfied)]
    public void Without_a_model_the_lexicon_scores_and_says_so(string text, CommentTone tone)
    {
        var scoring = new TenantCommentScoring();

        var score = scoring.Score("t1", text);

        Assert.Equal(tone, score.Tone);
        Assert.Equal(ScoringNames.LexiconVersion, score.ModelVersion);
        Assert.False(score.FromModel);
        Assert.InRange(score.Score, 0, 100);
    }

    [Fact]
    public void A_batch_scores_in_order_like_single_calls()
    {
        var scoring = new TenantCommentScoring();
        string[] texts = ["非常失望", "很满意", "还行"];

        var batch = scoring.ScoreBatch("t1", texts);

        Assert.Equal(texts.Select(t => scoring.Score("t1", t)), batch);
        Assert.Empty(scoring.ScoreBatch("t1", []));
    }

    [Fact]
    public void Each_tenant_has_its_own_serving_version()
    {
        var scoring = new TenantCommentScoring();
        scoring.Serve("t2", null, ScoringNames.LexiconVersion);

        Assert.Equal(ScoringNames.LexiconVersion, scoring.ServingVersion("t1"));
        Assert.Equal(ScoringNames.LexiconVersion, scoring.ServingVersion("t2"));
    }
}
