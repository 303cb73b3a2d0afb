using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Testing;

/// <summary>
/// A steady case-creation load whose clients behave as the README tells integrators to: each case has its own
/// Idempotency-Key, and a 503 is retried with the same key after its Retry-After, within a budget. A fault is injected
/// once a given share of the requests has started, and the load goes on until the fault is over (a rolling restart
/// takes a while). Used by the failover tests and the chaos bench alike.
/// </summary>
public static class RetriedCaseLoad
{
    public static async Task<LoadOutcome> RunAsync(
        HttpClient http, string tenant, string customerId, int requests, int workers, double faultAt, Func<Task> fault, TimeSpan retryBudget)
    {
        var attempts = new ConcurrentBag<LoadAttempt>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var faultTask = (Task?)null;
        var faultIndex = (int)(requests * faultAt);
        var next = -1;
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        TimeSpan? faultStarted = null;

        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests || faultTask is { IsCompleted: false })
            {
                if (i == faultIndex)
                {
                    faultStarted = clock.Elapsed;
                    faultTask = fault();
                }

                var key = $"load-{i:D5}";
                if (await CreateAsync(http, tenant, customerId, key, attempts, clock, retryBudget) is { } caseId)
                {
                    acknowledged[key] = caseId;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)));
        if (faultTask is not null)
        {
            await faultTask;
        }

        return new LoadOutcome(attempts.Select(a => a.Key).Distinct().Count(), [.. attempts], new Dictionary<string, string>(acknowledged), startedAt, faultStarted);
    }

    private static async Task<string?> CreateAsync(
        HttpClient http, string tenant, string customerId, string key, ConcurrentBag<LoadAttempt> attempts, Stopwatch clock, TimeSpan retryBudget)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < retryBudget)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{tenant}/cases")
            {
                Content = JsonContent.Create(new { customerId, kind = "Inquiry", subject = "Where is my parcel? " + key, description = "Order placed a week ago." }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var at = clock.Elapsed;
            var took = Stopwatch.StartNew();
            HttpStatusCode status;
            string? caseId = null;
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await http.SendAsync(request);
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                if (response.IsSuccessStatusCode)
                {
                    caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();
                }
            }
            catch (HttpRequestException)
            {
                // The front end itself out of reach: counts as a failed attempt of no status, and is retried.
                status = 0;
            }

            attempts.Add(new LoadAttempt(key, at, status, took.Elapsed, retryAfter is not null));
            if (caseId is not null)
            {
                return caseId;
            }

            if (status is not (HttpStatusCode.ServiceUnavailable or 0))
            {
                return null;
            }

            await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1));
        }

        return null;
    }
}

/// <summary>One HTTP attempt: when it started (from the load's start), its status (0: no answer), and how long it took.</summary>
public sealed record LoadAttempt(string Key, TimeSpan At, HttpStatusCode Status, TimeSpan Took, bool RetryAfter)
{
    public bool Succeeded => Status is HttpStatusCode.OK or HttpStatusCode.Created;
}

/// <summary>What a load saw, and the figures the chaos bench prints.</summary>
public sealed record LoadOutcome(
    int Requests, IReadOnlyList<LoadAttempt> Attempts, IReadOnlyDictionary<string, string> Acknowledged, DateTimeOffset StartedAt, TimeSpan? FaultStarted)
{
    public IReadOnlyList<LoadAttempt> Failures => [.. Attempts.Where(a => !a.Succeeded)];

    public double SuccessShare => Requests == 0 ? 1 : (double)Acknowledged.Count / Requests;

    public TimeSpan SlowestFailure => Failures.Count == 0 ? TimeSpan.Zero : Failures.Max(f => f.Took);

    /// <summary>From the first failed attempt's start to the last failed attempt's end: how long clients saw failures.</summary>
    public TimeSpan OutageLength => Failures.Count == 0 ? TimeSpan.Zero : Failures.Max(f => f.At + f.Took) - Failures.Min(f => f.At);

}
