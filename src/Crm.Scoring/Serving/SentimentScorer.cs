using Crm.Scoring.Sentiment;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Crm.Scoring.Serving;

/// <summary>
/// The scorer the silo shares between all callers. Single texts go through a pool of <see cref="PredictionEngine{TSrc,TDst}"/>s
/// (an engine is not thread-safe, a pool of them is); batches go through one <see cref="ITransformer.Transform"/>.
/// <see cref="Swap"/> replaces the model with one reference write, as Microsoft.Extensions.ML's PoolLoader does on
/// reload: a call in flight finishes on the model it started with, and no call ever waits for a swap.
/// With no model it scores with the lexicon rule and says so in each score.
/// </summary>
public sealed class SentimentScorer(SentimentBands bands)
{
    private volatile ServingModel? current;

    public SentimentScorer() : this(SentimentBands.Default)
    {
    }

    /// <summary>The version label of what scores now: a model's, or the lexicon's.</summary>
    public string ModelVersion => current?.Version ?? ScoringNames.LexiconVersion;

    /// <summary>Serves <paramref name="model"/> from now on (null: back to the lexicon rule); returns the version it replaced.</summary>
    public string Swap(SentimentModel? model, string version)
    {
        var next = model is null ? null : new ServingModel(model, version);
        return Interlocked.Exchange(ref current, next)?.Version ?? ScoringNames.LexiconVersion;
    }

    public SentimentScore Score(string text)
    {
        var model = current;
        if (model is null)
        {
            return SentimentScore.From(SentimentLexicon.Score(text).DissatisfactionProbability, bands, ScoringNames.LexiconVersion, ScoreSource.Lexicon);
        }

        var engine = model.Engines.Get();
        try
        {
            var probability = engine.Predict(SentimentPipeline.Prepare(text, false, model.Model.Options)).Probability;
            return SentimentScore.From(probability, bands, model.Version, ScoreSource.Model);
        }
        finally
        {
            model.Engines.Return(engine);
        }
    }

    /// <summary>
    /// Scores many texts at once, in order, all with the same model (the one serving when the call began). A large
    /// batch is cut into one chunk per core, each chunk prepared and predicted by its own pooled engine: a
    /// <see cref="ITransformer.Transform"/> over the batch prepared the texts on one thread while ML.NET's cursor
    /// threads spun waiting for them, and built a new data view (emitted code) per call (docs/benchmarks.md).
    /// </summary>
    public IReadOnlyList<SentimentScore> ScoreBatch(IReadOnlyList<string> texts)
    {
        var model = current;
        if (model is null)
        {
            return [.. texts.Select(t => SentimentScore.From(SentimentLexicon.Score(t).DissatisfactionProbability, bands, ScoringNames.LexiconVersion, ScoreSource.Lexicon))];
        }

        var scores = new SentimentScore[texts.Count];
        var chunks = Math.Clamp(texts.Count / MinChunk, 1, Environment.ProcessorCount);
        if (chunks == 1)
        {
            ScoreRange(model, texts, scores, 0, texts.Count);
            return scores;
        }

        var size = (texts.Count + chunks - 1) / chunks;
        // The default scheduler, not the caller's: inside a grain turn TaskScheduler.Current is the activation's
        // one-at-a-time scheduler, and every chunk would run on the calling thread.
        Parallel.For(0, chunks, new ParallelOptions { TaskScheduler = TaskScheduler.Default, MaxDegreeOfParallelism = chunks },
            chunk => ScoreRange(model, texts, scores, chunk * size, Math.Min(texts.Count, (chunk + 1) * size)));
        return scores;
    }

    /// <summary>Below this many texts per chunk, handing work to another thread costs more than it saves.</summary>
    private const int MinChunk = 64;

    private void ScoreRange(ServingModel model, IReadOnlyList<string> texts, SentimentScore[] scores, int from, int to)
    {
        var engine = model.Engines.Get();
        try
        {
            for (var i = from; i < to; i++)
            {
                var probability = engine.Predict(SentimentPipeline.Prepare(texts[i], false, model.Model.Options)).Probability;
                scores[i] = SentimentScore.From(probability, bands, model.Version, ScoreSource.Model);
            }
        }
        finally
        {
            model.Engines.Return(engine);
        }
    }

    /// <summary>A model with its engine pool; immutable once built, so swapping it is one reference write.</summary>
    private sealed class ServingModel(SentimentModel model, string version)
    {
        public SentimentModel Model { get; } = model;

        public string Version { get; } = version;

        public ObjectPool<PredictionEngine<SentimentRow, SentimentOutput>> Engines { get; } =
            new DefaultObjectPool<PredictionEngine<SentimentRow, SentimentOutput>>(new EnginePolicy(model), Environment.ProcessorCount * 2);
    }

    private sealed class EnginePolicy(SentimentModel model) : PooledObjectPolicy<PredictionEngine<SentimentRow, SentimentOutput>>
    {
        public override PredictionEngine<SentimentRow, SentimentOutput> Create() =>
            model.Context.Model.CreatePredictionEngine<SentimentRow, SentimentOutput>(model.Transformer, model.InputSchema);

        public override bool Return(PredictionEngine<SentimentRow, SentimentOutput> obj) => true;
    }
}
