using Crm.Scoring.Data;
using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Evaluation;

/// <summary>The figures every model is shown next to: the majority class and the team's lexicon rule.</summary>
public static class Baselines
{
    public static BinaryMetrics Majority(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test) =>
        BinaryMetrics.MajorityClass(train.Select(r => !r.Positive).ToArray(), test.Select(r => !r.Positive).ToArray());

    /// <summary>
    /// The lexicon rule as a classifier. A text with no cue scores 0.5, which the 0.5 threshold would call
    /// dissatisfied; as a baseline it falls back to the training majority instead (a hair either side of 0.5, so AUC,
    /// which only ranks, is unchanged).
    /// </summary>
    public static BinaryMetrics Lexicon(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test)
    {
        var majorityDissatisfied = train.Count(r => !r.Positive) * 2 >= train.Count;
        return BinaryMetrics.Compute(
            test.Select(r => !r.Positive).ToArray(),
            test.Select(r => SentimentLexicon.Score(r.Text) is { HasEvidence: true } result
                ? result.DissatisfactionProbability
                : majorityDissatisfied ? 0.5 : 0.5 - 1e-9).ToArray());
    }
}
