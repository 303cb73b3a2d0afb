using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Fixtures;

/// <summary>Two different models trained once per test run on the tiny fixture, shared by the store and scorer tests.</summary>
internal static class TrainedModels
{
    private static readonly Lazy<SentimentModel> CharsModel = new(() =>
        SentimentTraining.Train(TinyReviews.All, new SentimentOptions(FeatureSet.Chars)).Model);

    private static readonly Lazy<SentimentModel> WordsModel = new(() =>
        SentimentTraining.Train(TinyReviews.All, new SentimentOptions(FeatureSet.Words, Trainer: TrainerKind.Lbfgs)).Model);

    public static SentimentModel Chars => CharsModel.Value;

    public static SentimentModel Words => WordsModel.Value;
}
