using Crm.Scoring.Data;
using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Evaluation;

/// <summary>The figures every model is shown next to: the majority class and the team's lexicon rule.</summary>
public static class Baselines
{
    public static BinaryMetrics Majority(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test) =>
        BinaryMetrics.MajorityClass(train.Select(r => !r.Positive).ToArray(), test.Select(r => !r.Positive).ToArray());

    public static BinaryMetrics Lexicon(IReadOnlyList<LabeledText> test) => BinaryMetrics.Compute(
        test.Select(r => !r.Positive).ToArray(),
        test.Select(r => SentimentLexicon.Score(r.Text).DissatisfactionProbability).ToArray());
}
