using System.Diagnostics;
using System.Globalization;
using Crm.Scoring;
using Crm.Scoring.Insight;
using Crm.Scoring.Satisfaction;

// The survey insights' computation (what SurveyInsightsGrain runs after reading the responses) for N made-up
// responses, next to a baseline in the same run: one pass that turns the responses into the model's records, the
// least any analysis of them costs. Peak memory is the process's peak working set after each step.
//   dotnet run -c Release --project bench/Crm.Insights.Bench -- 10000; dotnet run -c Release --project bench/Crm.Insights.Bench -- 100000
// The first size is a warm-up (JIT, ML.NET's first pipeline), run and not reported; run each size in its own process for its peak memory.
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).Prepend(2_000).ToArray() : [2_000, 10_000];
var warmUp = true;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)"));
Console.WriteLine("| responses | baseline: records once (ms) | drivers (ms) | themes (ms) | recommendations (ms) | total / baseline | peak working set (MiB) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
string[] slow = ["物流太慢了", "等了三天没人回复", "客服态度很差", "退款一直没到账", "包装破损"];
string[] happy = ["客服很耐心，谢谢", "态度很好", "解决得很快", "服务周到", "非常满意"];
_ = ThemeTokenizer.Terms("预热分词词典").ToArray(); // jieba loads its dictionary once per process: not part of a request.
foreach (var n in sizes)
{
    var random = new Random(5);
    var raw = Enumerable.Range(0, n).Select(i =>
    {
        var breached = random.Next(4) == 0;
        var satisfied = breached ? random.Next(5) == 0 : random.Next(5) != 0;
        return (Csat: satisfied ? 4 + random.Next(2) : 1 + random.Next(3), Breached: breached, FirstHours: random.NextDouble() * 8, Speed: 1 + random.Next(5),
            Channel: (i % 3).ToString(CultureInfo.InvariantCulture), Comment: i % 2 == 0 ? (satisfied ? happy : slow)[random.Next(5)] : null);
    }).ToArray();

    var clock = Stopwatch.StartNew();
    var records = raw.Select(r => new SatisfactionRecord(r.Comment,
        new Dictionary<string, double> { ["slaBreached"] = r.Breached ? 1 : 0, ["firstResponseHours"] = r.FirstHours, ["rating.response-speed"] = r.Speed },
        new Dictionary<string, string> { ["channel"] = r.Channel }, r.Csat >= 4)).ToArray();
    var baseline = clock.Elapsed.TotalMilliseconds;

    clock.Restart();
    var drivers = DriverAnalysis.Analyze(records);
    var driversMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var themes = ThemeContrast.Find([.. records.Where(r => r.Comment is not null).Select(r => (r.Comment!, r.Satisfied))], ThemeTokenizer.Terms, c => c);
    var themesMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var recommendations = Recommendations.Derive(drivers.Drivers.Where(d => d.Significant).Select(d => d.Effect).OfType<DriverEffect>(), themes, records.Length, DriverLabels.Known);
    var recommendationsMs = clock.Elapsed.TotalMilliseconds;
    var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
    if (warmUp)
    {
        warmUp = false;
        continue;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {n:N0} | {baseline:0.0} | {driversMs:N0} | {themesMs:N0} | {recommendationsMs:0.0} | {(driversMs + themesMs + recommendationsMs) / baseline:N0} | {peak:N0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"<!-- top driver {drivers.Drivers[0].Importance.Slot}, AUC {drivers.Auc:0.00}, {themes.Count} themes, {recommendations.Count} recommendations -->"));
}
