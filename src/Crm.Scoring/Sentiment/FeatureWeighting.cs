using System.Text.Json.Serialization;

namespace Crm.Scoring.Sentiment;

/// <summary>How the n-gram features of a text are weighted before the learner sees them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureWeighting>))]
public enum FeatureWeighting
{
    /// <summary>Term frequency, L2-normed per feature block (what every model before this option had).</summary>
    Tf,

    /// <summary>Term frequency times inverse document frequency, L2-normed.</summary>
    TfIdf,

    /// <summary>
    /// Term frequency, L2-normed, then each n-gram scaled by the magnitude of its naive-Bayes log-count ratio on the
    /// training data (Wang and Manning 2012, "NBSVM"): n-grams that tell the labels apart weigh more.
    /// </summary>
    LogCountRatio,
}
