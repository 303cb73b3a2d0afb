using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Testing;

namespace Crm.EndToEnd.Tests.Cluster;

/// <summary>
/// Three silo processes in one cluster on Azure Tables membership and a front-end process, with production settings,
/// under a steady case-creation load whose clients retry with the same idempotency keys, as the README tells
/// integrators to. Each fault (a silo killed, a rolling restart, the storage restarted) must lose nothing and double
/// nothing, answer every failed attempt with a quick 503 and Retry-After, and leave the grains and the work queue whole.
/// </summary>
public sealed class SiloFailoverTests : IAsyncLifetime
{
    private const int Requests = 240;
    private const int Workers = 4;
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FirstResponseTarget = TimeSpan.FromSeconds(25);
    private ProcessCluster? _cluster;

    private ProcessCluster Cluster => _cluster!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 3);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task KillASilo_UnderLoad_LosesNothingDoublesNothingAndFailsFastWith503()
    {
        var (http, tenant, customerId) = await Cluster.SeedTenantAsync(FirstResponseTarget);
        await using var receiver = await WebhookReceiver.StartAsync();
        (await FailoverAssert.RetryOutageAsync(() => http.PutAsJsonAsync($"api/tenants/{tenant}/service-desk/webhook", new { url = receiver.Url })))
            .EnsureSuccessStatusCode();
        await using var inspector = await ClusterInspector.ConnectAsync(Cluster);

        // A quarter in, the second silo dies while the other workers' requests are in flight; just before, the cases
        // whose grains it hosts are noted.
        IReadOnlyList<string> onDeadSilo = [];
        var outcome = await RetriedCaseLoad.RunAsync(http, tenant, customerId, Requests, Workers, 0.25, async () =>
        {
            onDeadSilo = await inspector.CasesActiveOnAsync(Cluster.SiloPort(1), tenant);
            Cluster.KillSilo(1);
        }, RetryBudget);

        Assert.NotNull(outcome.FaultStarted);
        await FailoverAssert.NothingLostNothingDoubledAsync(http, tenant, outcome);

        // The grains that were on the dead silo answer again, from a live one.
        Assert.NotEmpty(onDeadSilo);
        foreach (var caseId in onDeadSilo)
        {
            Assert.Equal(HttpStatusCode.OK, (await FailoverAssert.RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}"))).StatusCode);
        }

        // Every case's first-response breach fires, those whose reminders the dead silo owned included. Each silo owns
        // about a third of the reminder ring, so with this many reminders registered before the kill the chance that
        // none was the dead silo's is below (2/3)^40, about one in four million.
        var registeredBeforeKill = outcome.Attempts.Count(a => a.Succeeded && a.At + a.Took < outcome.FaultStarted);
        Assert.True(registeredBeforeKill >= 40, $"only {registeredBeforeKill} cases were created before the kill");
        // A tick that reached the dead silo's activation before its death was declared fails, and the next comes a
        // reminder period (1 min) later: the wait allows for that. A case first woken by a read after its deadline
        // records the breach on activation (docs/deployment.md, "A gap found and closed").
        var deadline = DateTime.UtcNow + FirstResponseTarget + TimeSpan.FromMinutes(2);
        var pending = outcome.Acknowledged.Values.ToHashSet();
        var breachEvents = new Dictionary<string, long>();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var caseId in pending.ToList())
            {
                var history = await FailoverAssert.RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}/history"));
                if (history.IsSuccessStatusCode
                    && (await CrmStackFixture.ReadAsync<CaseEventPage>(history)).Events.FirstOrDefault(e => e.Type == CaseEventType.SlaBreached) is { } breach)
                {
                    breachEvents[caseId] = breach.Sequence;
                    pending.Remove(caseId);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        // Each breach reaches the tenant's webhook at least once, and every repeat carries the same delivery id and
        // body, so the receiver's dedupe by X-Crm-Delivery leaves exactly one per case. The id is the breach event's,
        // stored with the case (case id and event sequence), so a redelivery after any crash carries it again.
        // (Over the breaches that fired; that every one fires is the last assertion.)
        var cases = breachEvents.Keys.ToHashSet();
        var received = await receiver.WaitForAsync(
            r => r.Where(w => w.Header("X-Crm-Event") == "case.sla_breached").Select(w => CaseOf(w)).Distinct().Count() >= cases.Count,
            TimeSpan.FromSeconds(120));
        var breaches = received.Where(w => w.Header("X-Crm-Event") == "case.sla_breached").GroupBy(w => w.Header("X-Crm-Delivery")).ToList();
        Assert.Equal(cases.Order(), breaches.Select(g => CaseOf(g.First())).Order());
        Assert.Equal(breachEvents.Select(b => $"{b.Key}-{b.Value}").Order(), breaches.Select(g => g.Key).Order());
        Assert.All(breaches, g => Assert.Single(g.Select(w => w.Body).Distinct()));
        Assert.True(pending.Count == 0, $"{pending.Count} of {outcome.Requests} cases never recorded their SLA breach: {string.Join(", ", pending)}");
    }

    private static string CaseOf(ReceivedWebhook webhook)
    {
        using var body = JsonDocument.Parse(webhook.Body);
        return body.RootElement.GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task RollingRestart_UnderLoad_LosesNothingDoublesNothing()
    {
        var (http, tenant, customerId) = await Cluster.SeedTenantAsync(TimeSpan.FromHours(2));

        // One silo at a time, as an upgrade would; the load runs until the last one is back.
        var outcome = await RetriedCaseLoad.RunAsync(http, tenant, customerId, Requests, Workers, 0.1, async () =>
        {
            for (var i = 0; i < Cluster.SiloCount; i++)
            {
                await Cluster.RestartSiloAsync(i);
            }
        }, RetryBudget);

        await FailoverAssert.NothingLostNothingDoubledAsync(http, tenant, outcome);
    }

    [Fact]
    public async Task RestartStorage_UnderLoad_Answers503AndLosesNothing()
    {
        var (http, tenant, customerId) = await Cluster.SeedTenantAsync(TimeSpan.FromHours(2));

        // How soon service is back after the storage is a figure of the chaos bench, not a timed assertion here.
        var outcome = await RetriedCaseLoad.RunAsync(http, tenant, customerId, Requests, Workers, 0.25, () => Cluster.Azurite.RestartAsync(), RetryBudget);

        await FailoverAssert.NothingLostNothingDoubledAsync(http, tenant, outcome);
    }
}
