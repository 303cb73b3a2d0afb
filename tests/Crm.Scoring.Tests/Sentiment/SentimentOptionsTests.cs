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
        Assert.Equal("WordsAndChars (chars 1-3, words 1-2), LbfgsPlusLightGbm (L2 0.03, tuned), jieba without HMM, tolerance 1E-08",
            new SentimentOptions(Trainer: TrainerKind.LbfgsPlusLightGbm, L2Regularization: 0.03f, LexiconFeatures: false, TuneL2: true, SegmenterHmm: false, OptimizationTolerance: 1e-8f).ToString());
    }

    [Fact]
    public void Json_NewOptions_RoundTrip_AndAnOlderManifestReadsAsTrained()
    {
        var web = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var options = SentimentOptions.Default with { Trainer = TrainerKind.LbfgsPerBlock, TuneL2 = true, SegmenterHmm = false, OptimizationTolerance = 1e-8f };

        var json = System.Text.Json.JsonSerializer.Serialize(options, web);

        Assert.Contains("\"trainer\":\"LbfgsPerBlock\"", json);
        Assert.Equal(options, System.Text.Json.JsonSerializer.Deserialize<SentimentOptions>(json, web));
        // A manifest from before these options: jieba with its HMM, ML.NET's own tolerance, a fixed L2.
        const string stored = """{"features":"WordsAndChars","trainer":"Lbfgs","l2Regularization":0.1,"weighting":"LogCountRatio","negationScope":true}""";
        Assert.Equal(SentimentOptions.Default, System.Text.Json.JsonSerializer.Deserialize<SentimentOptions>(stored, web));
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
