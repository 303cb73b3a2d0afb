using Microsoft.ML;
using Microsoft.ML.Data;

namespace Crm.Scoring.Sentiment;

/// <summary>
/// A trained comment-sentiment model with the featurization it needs. Batch scoring goes through
/// <see cref="ITransformer.Transform"/>, which is safe to call from many threads at once.
/// </summary>
public sealed class SentimentModel
{
    private readonly MLContext ml;

    internal SentimentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, SentimentOptions options)
    {
        this.ml = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        Options = options;
    }

    public SentimentOptions Options { get; }

    internal ITransformer Transformer { get; }

    internal DataViewSchema InputSchema { get; }

    internal MLContext Context => ml;

    /// <summary>The probability of dissatisfaction of each text, in order.</summary>
    public double[] ScoreBatch(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        return TransformPrepared(texts.Select(t => SentimentPipeline.Prepare(t, false, Options)), texts.Count);
    }

    /// <summary>The model's part of a batch: rows already prepared, through the transform.</summary>
    internal double[] TransformPrepared(IReadOnlyList<SentimentRow> rows) => TransformPrepared(rows, rows.Count);

    private double[] TransformPrepared(IEnumerable<SentimentRow> rows, int count)
    {
        var scored = Transformer.Transform(ml.Data.LoadFromEnumerable(rows, InputSchema));
        var probabilities = new double[count];
        var i = 0;
        foreach (var p in scored.GetColumn<float>(SentimentPipeline.Probability))
        {
            probabilities[i++] = p;
        }

        return probabilities;
    }

    public void Save(Stream stream) => ml.Model.Save(Transformer, InputSchema, stream);

    public static SentimentModel Load(Stream stream, SentimentOptions options)
    {
        var ml = new MLContext(seed: SentimentTraining.Seed);
        // A model with a LightGBM learner loads only once ML.NET's catalog knows that assembly.
        ml.ComponentCatalog.RegisterAssembly(typeof(Microsoft.ML.Trainers.LightGbm.LightGbmBinaryModelParameters).Assembly);
        var transformer = ml.Model.Load(stream, out var schema);
        return new SentimentModel(ml, transformer, schema, options);
    }
}
