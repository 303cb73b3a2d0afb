using Crm.Scoring.Sentiment;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Crm.Scoring.Satisfaction;

/// <summary>
/// Predicts the probability that a response is satisfied from its comment (through the comment-sentiment model, or
/// the lexicon rule when there were too few comments to train one), its ratings and its case's facts. Any of these
/// may be missing: a response with only a comment, or only facts, still gets a prediction.
/// </summary>
public sealed class SatisfactionModel
{
    private readonly MLContext ml;
    private readonly BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> transformer;

    internal SatisfactionModel(MLContext ml, DriverSchema schema, SentimentModel? comments,
        BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> transformer)
    {
        this.ml = ml;
        Schema = schema;
        Comments = comments;
        this.transformer = transformer;
    }

    public DriverSchema Schema { get; }

    /// <summary>The comment model inside; null when the lexicon rule scores comments.</summary>
    public SentimentModel? Comments { get; }

    /// <summary>Each slot's weight in the logistic model (per standard deviation for numbers): the sign says which way it moves satisfaction.</summary>
    public IReadOnlyList<double> Weights => [.. transformer.Model.SubModel.Weights.Select(w => (double)w)];

    internal ITransformer Transformer => transformer;

    internal ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> PredictionTransformer => transformer;

    internal MLContext Context => ml;

    public double[] PredictSatisfied(IReadOnlyList<SatisfactionRecord> records)
    {
        var commentScores = CommentScores(Comments, records);
        var data = DriverRows.Load(ml, Schema, records, commentScores);
        return [.. transformer.Transform(data).GetColumn<float>(DriverRows.Probability).Select(p => (double)p)];
    }

    /// <summary>The comment model's (or lexicon's) probability of dissatisfaction per record; null where there is no comment.</summary>
    internal static double?[] CommentScores(SentimentModel? comments, IReadOnlyList<SatisfactionRecord> records)
    {
        var scores = new double?[records.Count];
        var withText = Enumerable.Range(0, records.Count).Where(i => !string.IsNullOrWhiteSpace(records[i].Comment)).ToArray();
        var probabilities = comments is null
            ? withText.Select(i => SentimentLexicon.Score(records[i].Comment!).DissatisfactionProbability).ToArray()
            : comments.ScoreBatch(withText.Select(i => records[i].Comment!).ToArray());
        for (var k = 0; k < withText.Length; k++)
        {
            scores[withText[k]] = probabilities[k];
        }

        return scores;
    }
}

/// <summary>The ML.NET rows of the satisfaction model: the driver vector and the label, loaded with the vector's width.</summary>
internal sealed class DriverRows
{
    public const string FeaturesColumn = nameof(Features);
    public const string LabelColumn = nameof(Label);
    public const string Probability = "Probability";

    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public static IDataView Load(MLContext ml, DriverSchema schema, IReadOnlyList<SatisfactionRecord> records, IReadOnlyList<double?> commentScores)
    {
        var definition = SchemaDefinition.Create(typeof(DriverRows));
        definition[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, schema.SlotNames.Count);
        var rows = records.Select((r, i) => new DriverRows { Features = schema.Vectorize(r, commentScores[i]), Label = r.Satisfied }).ToArray();
        return ml.Data.LoadFromEnumerable(rows, definition);
    }
}
