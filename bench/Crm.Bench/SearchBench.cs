using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench;

/// <summary>
/// Name search over many customers (issue 9): the first page of <c>GET /customers/search</c> over HTTP for full names,
/// prefixes and one-typo names, next to the exact phone lookup (<c>POST /customers/lookup</c>, the baseline) in the same
/// run on one fresh in-memory Azurite. Customers are seeded through the customer grain, the product's path, so each
/// has its state, archive entry, directory and lookup rows and its keyed-hash name rows as a real one does.
/// </summary>
internal static class SearchBench
{
    private const string Tenant = "bench-search";
    private const int QueriesPerKind = 200;

    // Common surnames and given-name characters with their pinyin: names repeat their surname as real ones do
    // (王 and 李 are large partitions), and a quarter of the customers are written in pinyin.
    private static readonly (string Han, string Pinyin)[] Surnames =
    [
        ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"),
        ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"),
        ("何", "He"), ("林", "Lin"), ("罗", "Luo"), ("高", "Gao"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
        ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"), ("彭", "Peng"), ("曾", "Zeng"),
    ];

    private static readonly (string Han, string Pinyin)[] Given =
    [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"), ("磊", "lei"),
        ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"),
        ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂", "gui"), ("英", "ying"), ("华", "hua"),
        ("文", "wen"), ("玉", "yu"), ("兰", "lan"), ("建", "jian"), ("国", "guo"), ("志", "zhi"), ("海", "hai"), ("晓", "xiao"),
        ("红", "hong"), ("波", "bo"), ("鹏", "peng"), ("辉", "hui"), ("宇", "yu"), ("浩", "hao"), ("婷", "ting"), ("雪", "xue"),
        ("琳", "lin"), ("欣", "xin"), ("博", "bo"), ("凯", "kai"), ("俊", "jun"), ("颖", "ying"), ("倩", "qian"), ("佳", "jia"),
    ];

    public static async Task RunAsync(int customers, int concurrency)
    {
        // In memory: Azurite's disk autosave re-serialises the whole database and crawls past about a million rows.
        await using var stack = await BenchStack.StartOnAsync(Crm.Testing.AzuriteOptions.LargeInMemory);
        (await Setup.PostUntilServedAsync(stack.Admin, "api/tenants", new { tenantId = Tenant, name = "Bench Search Mall" })).Dispose();
        (await Setup.PostUntilServedAsync(stack.Admin, $"api/tenants/{Tenant}/users", new { username = "bench-agent", displayName = "Agent", roles = new[] { "Agent" }, password = BenchStack.Password })).Dispose();
        using var agent = await BenchStack.SignInAsync(stack.BaseAddress, "bench-agent", BenchStack.Password);
        var cluster = stack.Silo.Services.GetRequiredService<IClusterClient>();

        var watch = Stopwatch.StartNew();
        var seeded = 0L;
        using var stopProgress = new CancellationTokenSource();
        var progress = SeedingProgress.PrintAsync("customers", () => Interlocked.Read(ref seeded), customers, watch, stopProgress.Token);
        var ids = new string[customers];
        await Load.RunAsync(customers, concurrency, async i =>
        {
            ids[i] = Guid.NewGuid().ToString("N");
            await CreateAsync(cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(Tenant, ids[i])), Profile(i));
            Interlocked.Increment(ref seeded);
        });
        await stopProgress.CancelAsync();
        await progress;
        var seeding = watch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {customers:N0} customers in {seeding.TotalSeconds:F0} s ({customers / seeding.TotalSeconds:F1} customers/s), load average {SeedingProgress.LoadAverage()}; measuring"));

        // The same customers drawn for every kind, so the kinds differ only in what is typed.
        var random = new Random(20261202);
        var picks = Enumerable.Range(0, QueriesPerKind).Select(_ => random.Next(customers)).ToArray();
        var kinds = new (string Name, Func<int, string> Query)[]
        {
            ("full name", i => Name(i)),
            ("prefix (2 Chinese characters, or a word and 3 letters)", Prefix),
            ("one typo (a Chinese character replaced, or two letters swapped)", Typo),
        };

        // Warm-up: the front end's and silo's first calls JIT and activate the search grains.
        for (var i = 0; i < 20; i++)
        {
            await NameSearchAsync(agent, Name(picks[i]));
            await PhoneLookupAsync(agent, Phone(picks[i]));
        }

        var rows = new List<(string What, Latency.Result Result, double Found)>();
        var phoneFound = 0;
        var phone = await Latency.ClosedAsync(QueriesPerKind, 1, async q =>
        {
            var found = await PhoneLookupAsync(agent, Phone(picks[q]));
            if (found.Any(c => c.CustomerId == ids[picks[q]]))
            {
                Interlocked.Increment(ref phoneFound);
            }
        });
        rows.Add(("Exact phone lookup, POST /customers/lookup (baseline)", phone, phoneFound / (double)QueriesPerKind));
        foreach (var (name, query) in kinds)
        {
            var found = 0;
            var result = await Latency.ClosedAsync(QueriesPerKind, 1, async q =>
            {
                var page = await NameSearchAsync(agent, query(picks[q]));
                if (page.Items.Any(h => h.Customer.CustomerId == ids[picks[q]]))
                {
                    Interlocked.Increment(ref found);
                }
            });
            rows.Add(($"Name search, first page of 20, GET /customers/search: {name}", result, found / (double)QueriesPerKind));
        }

        Process.GetCurrentProcess().Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"customers={customers:N0} concurrency={concurrency} queries per kind={QueriesPerKind} (one at a time) cores={Environment.ProcessorCount} ({DateTime.UtcNow:yyyy-MM-dd})"));
        Console.WriteLine("| what | p50 | p99 | p50 ratio to the phone lookup | the customer on the first page |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (what, result, share) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {result.P50:F1} ms | {result.P99:F1} ms | {result.P50 / phone.P50:F2} | {share:P0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Process peak working set (silo, front end and bench; Azurite runs apart): {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB. Requests answered 503 and tried again: {_retried}. Load average at the end: {SeedingProgress.LoadAverage()}."));
    }

    /// <summary>
    /// On a machine at load 60 a create can outlive Orleans' 30 s response timeout and still happen: try again, and a
    /// customer that already exists is one the timed-out call created.
    /// </summary>
    private static async Task CreateAsync(ICustomerGrain grain, CustomerProfile profile)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grain.CreateAsync(profile, "bench");
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
            catch (Crm.Contracts.Common.ConflictException) when (attempt > 1)
            {
                return;
            }
        }
    }

    /// <summary>Customer i: a Chinese name (three in four) or its pinyin, and a mobile number of its own.</summary>
    private static CustomerProfile Profile(int i) => new(
        Name(i), [new ContactChannel(ContactChannelKind.Phone, Phone(i), true)], ["bench"], CustomerTier.Standard, "consumer");

    private static string Phone(int i) => "+86 138" + i.ToString("D8", CultureInfo.InvariantCulture);

    private static bool IsPinyin(int i) => i % 4 == 3;

    private static ((string Han, string Pinyin) Surname, (string Han, string Pinyin) First, (string Han, string Pinyin)? Second) Parts(int i)
    {
        var surname = Surnames[i % Surnames.Length];
        var first = Given[i / Surnames.Length % Given.Length];
        var rest = i / (Surnames.Length * Given.Length);
        // One in three has a one-character given name, as many real names do.
        (string, string)? second = rest % 3 == 0 ? null : Given[rest / 3 % Given.Length];
        return (surname, first, second);
    }

    private static string Name(int i)
    {
        var (surname, first, second) = Parts(i);
        return IsPinyin(i)
            ? $"{surname.Pinyin} {Capital(first.Pinyin)}{second?.Pinyin}"
            : surname.Han + first.Han + second?.Han;
    }

    private static string Prefix(int i)
    {
        var (surname, first, second) = Parts(i);
        if (!IsPinyin(i))
        {
            return surname.Han + first.Han;
        }

        var given = first.Pinyin + second?.Pinyin;
        return $"{surname.Pinyin} {given[..Math.Min(3, given.Length)]}";
    }

    private static string Typo(int i)
    {
        var name = Name(i);
        if (!IsPinyin(i))
        {
            // The last character replaced by another given-name character (a wrong homophone picked from the IME).
            var last = name[^1].ToString();
            var other = Given.First(g => g.Han != last).Han;
            return name[..^1] + other;
        }

        // Two neighbouring letters of the longest word swapped ("Zhnag Wei").
        var words = name.Split(' ');
        var longest = Array.IndexOf(words, words.MaxBy(w => w.Length));
        var letters = words[longest].ToCharArray();
        var at = letters.Length >= 3 ? 1 : 0;
        (letters[at], letters[at + 1]) = (letters[at + 1], letters[at]);
        words[longest] = new string(letters);
        return string.Join(' ', words);
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static async Task<CustomerSearchPage> NameSearchAsync(HttpClient agent, string query)
    {
        using var response = await SendAsync(() => agent.GetAsync($"api/tenants/{Tenant}/customers/search?q={Uri.EscapeDataString(query)}&pageSize=20"));
        return (await response.Content.ReadFromJsonAsync<CustomerSearchPage>(Json))!;
    }

    private static async Task<CustomerSummary[]> PhoneLookupAsync(HttpClient agent, string phone)
    {
        using var response = await SendAsync(() => agent.PostAsJsonAsync($"api/tenants/{Tenant}/customers/lookup", new { kind = "Phone", value = phone }));
        return (await response.Content.ReadFromJsonAsync<CustomerSummary[]>(Json))!;
    }

    private static int _retried;

    // A 503 (a call past the front end's budget on a loaded machine) is tried again and counted; its time stays in the figure.
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response.EnsureSuccessStatusCode();
            }

            response.Dispose();
            Interlocked.Increment(ref _retried);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
