using System.Diagnostics;
using System.Globalization;
using Crm.Scoring;
using Crm.Scoring.Data;
using Crm.Scoring.Sentiment;
using Crm.Scoring.Serving;

// Scoring throughput and training cost of the comment-sentiment model, each figure next to a baseline measured in
// the same run on the same texts, so the ratios hold on a noisy shared machine:
//   dotnet run -c Release --project bench/Crm.Scoring.Bench -- --train FILE.csv --text review --label label [--seconds 10] [--training]
var options = ParseArgs(args);
var file = LabeledCsvReader.ReadFile(options.Train, options.Text, options.Label);
var texts = file.Rows.Select(r => r.Text).ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"data: {options.Train}, {texts.Length} texts, mean {texts.Average(t => t.Length):0} chars; cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)"));

if (options.Training)
{
    Training(file.Rows);
    return;
}

// A model trained on at most 5,000 rows: scoring cost depends on the featurization, not on how much it learned.
var model = SentimentTraining.Train([.. file.Rows.Take(5000)], SentimentOptions.Default).Model;
var scorer = new SentimentScorer();
scorer.Swap(model, "bench/v1");
var seconds = options.Seconds;
if (args.Contains("--batch-only"))
{
    // For a profiler (dotnet-trace collect -- ... --batch-only): nothing but batches on one thread.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batches of 1,000, 1 caller: {Rate(seconds, 1, i => scorer.ScoreBatch(Slice(texts, i, 1000)), perCall: 1000).PerSecond:N0}/s"));
    return;
}


// Baseline: the text preparation every score needs (normalization and jieba segmentation), one thread.
var baseline = Rate(seconds, 1, i => WordSegmenter.Segment(TextNormalizer.Normalize(texts[i % texts.Length])));
var lexicon = Rate(seconds, 1, i => SentimentLexicon.Score(texts[i % texts.Length]));
var single1 = Rate(seconds, 1, i => scorer.Score(texts[i % texts.Length]));
var singleN = Rate(seconds, Environment.ProcessorCount, i => scorer.Score(texts[i % texts.Length]));
// The batch path as it was (one Transform over the whole batch), next to the scorer's (a chunk per core, pooled engines).
var transformBatch = Rate(seconds, 1, i => model.ScoreBatch(Slice(texts, i, 1000)), perCall: 1000);
var batch1 = Rate(seconds, 1, i => scorer.ScoreBatch(Slice(texts, i, 1000)), perCall: 1000);
var batchN = Rate(seconds, Environment.ProcessorCount, i => scorer.ScoreBatch(Slice(texts, i, 1000)), perCall: 1000);

// Where a batch's time goes, one thread each: the parts of the text preparation, then ML.NET's transform on rows
// already prepared (the profile that says what to make faster).
var normalize = Rate(seconds, 1, i => TextNormalizer.Normalize(texts[i % texts.Length]));
var normalized = texts.Select(TextNormalizer.Normalize).ToArray();
var segmentOnly = Rate(seconds, 1, i => WordSegmenter.Segment(normalized[i % normalized.Length]));
var cues = Rate(seconds, 1, i => SentimentLexicon.Score(normalized[i % normalized.Length]));
var prepare = Rate(seconds, 1, i => SentimentPipeline.Prepare(texts[i % texts.Length], false, model.Options));
var preparedRows = texts.Select(t => SentimentPipeline.Prepare(t, false, model.Options)).ToArray();
var engine = model.Context.Model.CreatePredictionEngine<SentimentRow, SentimentOutput>(model.Transformer, model.InputSchema);
var engineOnly = Rate(seconds, 1, i => engine.Predict(preparedRows[i % preparedRows.Length]));
var transformOnly = Rate(seconds, 1, i => model.TransformPrepared(Slice(preparedRows, i, 1000)), perCall: 1000);

Console.WriteLine("| what | responses/s | ratio to baseline | CPU per response |");
Console.WriteLine("|---|---:|---:|---:|");
Row("baseline: normalize + segment one text, 1 thread", baseline);
Row("lexicon rule, 1 thread", lexicon);
Row("model, single text (engine pool), 1 thread", single1);
Row($"model, single text (engine pool), {Environment.ProcessorCount} threads", singleN);
Row("model, batches of 1,000, one Transform per batch (the path before), 1 caller", transformBatch);
Row("model, batches of 1,000 (ScoreBatch: a chunk per core), 1 caller", batch1);
Row($"model, batches of 1,000 (ScoreBatch: a chunk per core), {Environment.ProcessorCount} callers", batchN);
Row("profile: PredictionEngine on prepared rows, 1 thread", engineOnly);
Row("profile: normalize only, 1 thread", normalize);
Row("profile: segment a normalized text only, 1 thread", segmentOnly);
Row("profile: lexicon cues of a normalized text, 1 thread", cues);
Row("profile: whole preparation (normalize, cues, segment), 1 thread", prepare);
Row("profile: ML.NET transform of prepared rows, batches of 1,000, 1 thread", transformOnly);
return;

void Row(string what, (double PerSecond, double CpuMicroseconds) rate) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {rate.PerSecond:N0} | {rate.PerSecond / baseline.PerSecond:0.00} | {rate.CpuMicroseconds:0.0} µs |"));

static T[] Slice<T>(T[] texts, int call, int size)
{
    var slice = new T[size];
    for (var k = 0; k < size; k++)
    {
        slice[k] = texts[(call * size + k) % texts.Length];
    }

    return slice;
}

// Calls per second times responses per call, over `seconds` after a one-second warm-up, on `threads` threads; and the
// process's CPU time per response (user + system, every thread), which a loaded machine disturbs less than the rate.
static (double PerSecond, double CpuMicroseconds) Rate(double seconds, int threads, Action<int> call, int perCall = 1)
{
    var warm = Stopwatch.StartNew();
    for (var i = 0; warm.Elapsed.TotalSeconds < 1; i++)
    {
        call(i);
    }

    long calls = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
    {
        for (var i = t * 7919; clock.Elapsed.TotalSeconds < seconds; i++)
        {
            call(i);
            Interlocked.Increment(ref calls);
        }
    })).ToArray();
    foreach (var w in workers) w.Start();
    foreach (var w in workers) w.Join();
    var elapsed = clock.Elapsed.TotalSeconds;
    var responses = (double)calls * perCall;
    return (responses / elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / responses);
}

// Training time and peak memory on the whole file, next to reading it and preparing its texts (same run).
static void Training(IReadOnlyList<LabeledText> rows)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var before = process.PeakWorkingSet64;
    // CPU time (every thread) beside wall clock: on a shared machine the wall clock is mostly the others' load.
    var cpu0 = process.TotalProcessorTime;
    var prepare = Stopwatch.StartNew();
    var prepared = rows.Select(r => WordSegmenter.Segment(TextNormalizer.Normalize(r.Text))).Count();
    prepare.Stop();
    process.Refresh();
    var prepareCpu = process.TotalProcessorTime - cpu0;
    var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
    process.Refresh();
    var cpu1 = process.TotalProcessorTime;
    var trained = SentimentTraining.Train(rows, SentimentOptions.Default);
    process.Refresh();
    var trainCpu = process.TotalProcessorTime - cpu1;
    var peak = process.PeakWorkingSet64;
    using var saved = new MemoryStream();
    trained.Model.Save(saved);
    Console.WriteLine("| what | figure |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline: normalize + segment all {prepared:N0} texts | {prepare.Elapsed.TotalSeconds:0.0} s |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| training ({SentimentOptions.Default}) | {trained.Elapsed.TotalSeconds:0.0} s ({trained.Elapsed / prepare.Elapsed:0.0}x the baseline) |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| CPU time: baseline / training | {prepareCpu.TotalSeconds:0.0} s / {trainCpu.TotalSeconds:0.0} s ({trainCpu / prepareCpu:0.0}x the baseline) |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| peak working set before / after training | {before / 1048576.0:0} MiB / {peak / 1048576.0:0} MiB |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| managed heap after reading the file | {managedBefore / 1048576.0:0} MiB |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| model file | {saved.Length / 1048576.0:0.0} MiB |"));
}

static (string Train, string Text, string Label, double Seconds, bool Training) ParseArgs(string[] args)
{
    string Value(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    return (Value("--train", "/work/shared/data/waimai_10k/waimai_10k.csv"), Value("--text", "review"), Value("--label", "label"),
        double.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture), args.Contains("--training"));
}
