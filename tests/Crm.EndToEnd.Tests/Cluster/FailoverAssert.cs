using System.Net;
using Crm.Contracts.Cases;
using Crm.Testing;

namespace Crm.EndToEnd.Tests.Cluster;

/// <summary>What every fault test proves of a retried load once the fault is over.</summary>
internal static class FailoverAssert
{
    /// <summary>The contract's bound on how long a failed request may take to say so.</summary>
    public static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);

    public static async Task NothingLostNothingDoubledAsync(HttpClient http, string tenant, LoadOutcome outcome)
    {
        // At least 99.9% acknowledged within the retry budget: with fewer than a thousand requests, every one.
        Assert.True(outcome.SuccessShare >= 0.999, $"{outcome.Acknowledged.Count} of {outcome.Requests} acknowledged");
        Assert.All(outcome.Failures, f =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, f.Status);
            Assert.True(f.RetryAfter, "a 503 without Retry-After");
            Assert.True(f.Took < FailFast, $"a failed attempt took {f.Took.TotalSeconds:F1} s");
        });

        // Nothing doubled: one case per key, each answering (from whichever silo now hosts it).
        var caseIds = outcome.Acknowledged.Values.ToList();
        Assert.Equal(caseIds.Count, caseIds.Distinct().Count());
        foreach (var caseId in caseIds)
        {
            var read = await RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}"));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // The in-memory work queue is whole: every acknowledged case, once, and nothing else.
        Assert.Equal(caseIds.Order(), (await QueueAsync(http, tenant)).Order());
    }

    public static Task<HttpResponseMessage> RetryOutageAsync(Func<Task<HttpResponseMessage>> call) => ProcessCluster.RetryOutageAsync(call);

    private static async Task<List<string>> QueueAsync(HttpClient http, string tenant)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var url = $"api/tenants/{tenant}/queue?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await CrmStackFixture.ReadAsync<CaseQueuePage>(await RetryOutageAsync(() => http.GetAsync(url)));
            ids.AddRange(page.Items.Select(i => i.CaseId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return ids;
    }
}
