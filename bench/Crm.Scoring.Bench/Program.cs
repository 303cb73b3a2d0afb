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

// Baseline: the text preparation every score needs (normalization and jieba segmentation), one thread.
var baseline = Rate(seconds, 1, i => WordSegmenter.Segment(TextNormalizer.Normalize(texts[i % texts.Length])));
var lexicon = Rate(seconds, 1, i => SentimentLexicon.Score(texts[i % texts.Length]));
var single1 = Rate(seconds, 1, i => scorer.Score(texts[i % texts.Length]));
var singleN = Rate(seconds, Environment.ProcessorCount, i => scorer.Score(texts[i % texts.Length]));
var batch1 = Rate(seconds, 1, i => scorer.ScoreBatch(Slice(texts, i, 1000)), perCall: 1000);
var batchN = Rate(seconds, Environment.ProcessorCount, i => scorer.ScoreBatch(Slice(texts, i, 1000)), perCall: 1000);

Console.WriteLine("| what | responses/s | ratio to baseline |");
Console.WriteLine("|---|---:|---:|");
Row("baseline: normalize + segment one text, 1 thread", baseline);
Row("lexicon rule, 1 thread", lexicon);
Row("model, single text (engine pool), 1 thread", single1);
Row($"model, single text (engine pool), {Environment.ProcessorCount} threads", singleN);
Row("model, batches of 1,000 (Transform), 1 thread", batch1);
Row($"model, batches of 1,000 (Transform), {Environment.ProcessorCount} threads", batchN);
return;

void Row(string what, double rate) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {rate:N0} | {rate / baseline:0.00} |"));

static string[] Slice(string[] texts, int call, int size)
{
    var slice = new string[size];
    for (var k = 0; k < size; k++)
    {
        slice[k] = texts[(call * size + k) % texts.Length];
    }

    return slice;
}

// Calls per second times responses per call, over `seconds` after a one-second warm-up, on `threads` threads.
static double Rate(double seconds, int threads, Action<int> call, int perCall = 1)
{
    var warm = Stopwatch.StartNew();
    for (var i = 0; warm.Elapsed.TotalSeconds < 1; i++)
    {
        call(i);
    }

    long calls = 0;
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
    return calls * perCall / clock.Elapsed.TotalSeconds;
}

// Training time and peak memory on the whole file, next to reading it and preparing its texts (same run).
static void Training(IReadOnlyList<LabeledText> rows)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var before = process.PeakWorkingSet64;
    var prepare = Stopwatch.StartNew();
    var prepared = rows.Select(r => WordSegmenter.Segment(TextNormalizer.Normalize(r.Text))).Count();
    prepare.Stop();
    var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
    var trained = SentimentTraining.Train(rows, SentimentOptions.Default);
    process.Refresh();
    var peak = process.PeakWorkingSet64;
    using var saved = new MemoryStream();
    trained.Model.Save(saved);
    Console.WriteLine("| what | figure |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline: normalize + segment all {prepared:N0} texts | {prepare.Elapsed.TotalSeconds:0.0} s |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| training ({SentimentOptions.Default}) | {trained.Elapsed.TotalSeconds:0.0} s ({trained.Elapsed / prepare.Elapsed:0.0}x the baseline) |"));
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
