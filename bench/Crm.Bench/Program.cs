using System.Globalization;
using Azure.Data.Tables;
using Crm.Bench;
using Crm.Contracts.Customers;
using Crm.Silo;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;

// Customer writes through the grains next to Azurite's raw single-entity and 100-entity-batch write rates,
// all measured in one run against one fresh Azurite, so the ratios hold on a noisy shared machine.
if (args.Contains("--reads"))
{
    await ReadPathBench.RunAsync(Args.Int(args, "--count", 2000), Args.Int(args, "--concurrency", 16));
    return;
}

if (args.Contains("--intake"))
{
    await IntakeBench.RunAsync(
        Args.Int(args, "--count", 2000), Args.Int(args, "--concurrency", 16), Args.Int(args, "--load-percent", 50) / 100.0,
        TimeSpan.FromSeconds(Args.Int(args, "--seconds", 20)));
    return;
}

if (args.Contains("--queue"))
{
    await QueueBench.RunAsync(Args.Int(args, "--open", 100000));
    return;
}

if (args.Contains("--death-detection"))
{
    await DeathDetectionBench.RunAsync(Args.Int(args, "--rounds", 3));
    return;
}

if (args.Contains("--chaos"))
{
    // --faults none,storage runs only those (the first word of each fault's name); all four by default.
    var faults = Array.IndexOf(args, "--faults") is var at and >= 0 && at + 1 < args.Length
        ? args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
        : null;
    await ChaosBench.RunAsync(Args.Int(args, "--count", 600), Args.Int(args, "--concurrency", 8), faults);
    return;
}

if (args.Contains("--reports"))
{
    await ReportBench.RunAsync(Args.Int(args, "--cases", 1_000_000), Args.Int(args, "--history", 10_000), Args.Int(args, "--concurrency", 32));
    return;
}

if (args.Contains("--surveys"))
{
    await SurveyBench.RunAsync(Args.Int(args, "--rows", 100_000), Args.Int(args, "--submissions", 600), Args.Int(args, "--concurrency", 16));
    return;
}

if (args.Contains("--backup"))
{
    await BackupBench.RunAsync(Args.Int(args, "--rows", 20000));
    return;
}

var count = Args.Int(args, "--count", 2000);
var concurrency = Args.Int(args, "--concurrency", 16);

await using var azurite = await AzuriteServer.StartAsync();
var service = new TableServiceClient(azurite.ConnectionString);
var results = new List<(string Name, double PerSecond, string Unit)>();

var raw = service.GetTableClient("BenchRawUpserts");
await raw.CreateIfNotExistsAsync();
var payload = new string('x', 600); // About the size of a serialized customer profile.
results.Add(("Azurite raw upsert, one entity per request", await Load.RunAsync(count, concurrency, i =>
    raw.UpsertEntityAsync(new TableEntity("p" + (i % 64).ToString(CultureInfo.InvariantCulture), i.ToString("D8", CultureInfo.InvariantCulture)) { ["Data"] = payload })), "entities/s"));

var batches = service.GetTableClient("BenchRawBatches");
await batches.CreateIfNotExistsAsync();
var batchCount = Math.Max(1, count / 100);
var batchRate = await Load.RunAsync(batchCount, concurrency, i =>
    batches.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(j => new TableTransactionAction(
        TableTransactionActionType.UpsertReplace,
        new TableEntity("b" + i.ToString(CultureInfo.InvariantCulture), j.ToString("D3", CultureInfo.InvariantCulture)) { ["Data"] = payload }))));
results.Add(("Azurite raw batch, 100 entities per transaction", batchRate * 100, "entities/s"));

var silo = SiloHost.Build(
[
    $"--ConnectionStrings:Tables={azurite.ConnectionString}",
    $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
    "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
]);
await silo.StartAsync();
var cluster = silo.Services.GetRequiredService<IClusterClient>();
var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
CustomerProfile Profile(int i, string name) => new(
    name + " " + i.ToString(CultureInfo.InvariantCulture),
    [new ContactChannel(ContactChannelKind.Email, $"bench{i}@example.com", true)],
    ["bench"], CustomerTier.Standard, "consumer", new ConsentFlags(), null);

results.Add(("Customer create through the grain (state + archive row + index row)", await Load.RunAsync(count, concurrency, i =>
    cluster.GetGrain<ICustomerGrain>(CustomerKey.Format("bench", ids[i])).CreateAsync(Profile(i, "Customer"), "bench")), "customers/s"));
results.Add(("Customer profile update through the grain (active grains)", await Load.RunAsync(count, concurrency, i =>
    cluster.GetGrain<ICustomerGrain>(CustomerKey.Format("bench", ids[i])).UpdateProfileAsync(Profile(i, "Renamed"), null, "bench")), "customers/s"));
await silo.StopAsync();

var baseline = results[0].PerSecond;
Console.WriteLine($"count={count} concurrency={concurrency} cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})");
Console.WriteLine("| what | rate | unit | ratio to raw single upsert |");
Console.WriteLine("|---|---:|---|---:|");
foreach (var (name, perSecond, unit) in results)
{
    Console.WriteLine($"| {name} | {perSecond:F0} | {unit} | {perSecond / baseline:F2} |");
}
