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

        // A quarter in, the second silo dies while the other workers' requests are in flight.
        var outcome = await RetriedCaseLoad.RunAsync(http, tenant, customerId, Requests, Workers, 0.25, () =>
        {
            Cluster.KillSilo(1);
            return Task.CompletedTask;
        }, RetryBudget);

        Assert.NotNull(outcome.FaultStarted);
        await FailoverAssert.NothingLostNothingDoubledAsync(http, tenant, outcome);

        // Every case's first-response breach fires, those whose reminders the dead silo owned included.
        var deadline = DateTime.UtcNow + FirstResponseTarget + TimeSpan.FromSeconds(90);
        var pending = outcome.Acknowledged.Values.ToHashSet();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var caseId in pending.ToList())
            {
                var history = await FailoverAssert.RetryOutageAsync(() => http.GetAsync($"api/tenants/{tenant}/cases/{caseId}/history"));
                if (history.IsSuccessStatusCode
                    && (await CrmStackFixture.ReadAsync<CaseEventPage>(history)).Events.Any(e => e.Type == CaseEventType.SlaBreached))
                {
                    pending.Remove(caseId);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        Assert.True(pending.Count == 0, $"{pending.Count} of {outcome.Requests} cases never recorded their SLA breach");
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
