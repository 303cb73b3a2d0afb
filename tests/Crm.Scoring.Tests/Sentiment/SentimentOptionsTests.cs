using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Sentiment;

public sealed class SentimentOptionsTests
{
    [Theory]
    [InlineData(FeatureSet.Chars, false, true)]
    [InlineData(FeatureSet.Words, true, false)]
    [InlineData(FeatureSet.WordsAndChars, true, true)]
    public void UsesWordsAndChars_FollowTheFeatureSet(FeatureSet features, bool words, bool chars)
    {
        var options = new SentimentOptions(features);

        Assert.Equal(words, options.UsesWords);
        Assert.Equal(chars, options.UsesChars);
    }

    [Fact]
    public void ToString_NamesFeaturesLengthsTrainerAndCues()
    {
        Assert.Equal("WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.1), lexicon cues, log-count-ratio weights, negation scope", SentimentOptions.Default.ToString());
        Assert.Equal("WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.01), lexicon cues", new SentimentOptions().ToString());
        Assert.Equal("Chars (chars 1-4, words 1-1), Sdca", new SentimentOptions(FeatureSet.Chars, 4, 1, TrainerKind.Sdca, LexiconFeatures: false).ToString());
        Assert.Equal("WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.01), lexicon cues, log-count-ratio weights",
            new SentimentOptions(Weighting: FeatureWeighting.LogCountRatio).ToString());
        Assert.Equal("Words (chars 1-3, words 1-2), Lbfgs (L2 0.01), TF-IDF",
            new SentimentOptions(FeatureSet.Words, LexiconFeatures: false, Weighting: FeatureWeighting.TfIdf).ToString());
        Assert.Equal("Words (chars 1-3, words 1-2), Lbfgs (L2 0.01), negation scope",
            new SentimentOptions(FeatureSet.Words, LexiconFeatures: false, NegationScope: true).ToString());
    }

    [Fact]
    public void Json_AManifestFromBeforeWeighting_ReadsAsTf()
    {
        // Stored manifests have no "weighting": they were trained with Tf and must load as Tf.
        const string stored = """{"features":"WordsAndChars","charNgramLength":3,"wordNgramLength":2,"trainer":"Lbfgs","l2Regularization":0.01,"lexiconFeatures":true}""";

        var options = System.Text.Json.JsonSerializer.Deserialize<SentimentOptions>(stored, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

        Assert.Equal(new SentimentOptions(), options);
    }

    [Fact]
    public void Json_Weighting_RoundTripsByName()
    {
        var web = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var options = SentimentOptions.Default;

        var json = System.Text.Json.JsonSerializer.Serialize(options, web);

        Assert.Contains("\"weighting\":\"LogCountRatio\"", json);
        Assert.Contains("\"negationScope\":true", json);
        Assert.Equal(options, System.Text.Json.JsonSerializer.Deserialize<SentimentOptions>(json, web));
    }
}
