using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Testing;
using Crm.Testing.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Cluster;

/// <summary>
/// One budget per API request (issue 15): a front end whose every grain call is made slow on purpose (each well
/// within Orleans' per-call timeout, here 30 s) answers a request of several calls with a 503 and Retry-After once
/// the request's budget is spent, instead of adding the calls up; with the calls fast again it answers normally.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RequestDeadlineTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Request_WhoseCallsAreEachSlowButTogetherTooSlow_Is503WithRetryAfter()
    {
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.Agent];
        var address = new Uri($"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/");
        var slow = new SlowGrainCalls();
        // The per-call timeout stays the fixture's 30 s: only the request's budget can end these requests early.
        var frontEnd = await stack.StartFrontEndAsync(address, builder =>
        {
            builder.Services.AddSingleton(slow);
            builder.Services.AddSingleton<IOutgoingGrainCallFilter>(slow);
        }, "--Crm:Api:RequestBudget=00:00:03");
        try
        {
            // A new front end on this shared machine may need a few tries before its first calls fit in the budget.
            using var anonymous = ContractCheckingHandler.Client(address);
            var signIn = await UntilOkAsync(() => anonymous.PostAsJsonAsync("api/auth/token", new { username, password }));
            var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            using var http = TestTenant.WithToken(address, token);
            var url = $"api/tenants/{tenant.Id}/customers";
            await UntilOkAsync(() => http.GetAsync(url));

            // Three calls in turn (session check, the list, the audit record), each 2 s: 4-6 s against a 3 s budget.
            slow.Delay = TimeSpan.FromSeconds(2);
            var answer = await http.GetAsync(url);

            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)answer.StatusCode} {text}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(answer.Headers.RetryAfter?.Delta);
            Assert.True(slow.Calls >= 2, $"{slow.Calls} calls were made before the budget ran out");

            // A report computes over the period with several calls in turn: its endpoint has its own, longer budget.
            slow.Delay = TimeSpan.Zero;
            var (managerName, managerPassword, _) = tenant.Users[Role.AccountManager];
            var managerSignIn = await UntilOkAsync(() => anonymous.PostAsJsonAsync("api/auth/token", new { username = managerName, password = managerPassword }));
            using var manager = TestTenant.WithToken(address, (await managerSignIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
            var report = $"api/tenants/{tenant.Id}/reports/{DateTime.UtcNow:yyyy-MM}/report.html";
            await UntilOkAsync(() => manager.GetAsync(report));
            slow.Delay = TimeSpan.FromSeconds(2);
            var before = slow.Calls;
            var slowReport = await manager.GetAsync(report);
            Assert.True(slowReport.StatusCode == HttpStatusCode.OK, $"{(int)slowReport.StatusCode} {await slowReport.Content.ReadAsStringAsync()}");
            Assert.True(slow.Calls - before >= 2, $"the report made {slow.Calls - before} slowed calls: too few to outlast the 3 s default");

            slow.Delay = TimeSpan.Zero;
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        }
        finally
        {
            await frontEnd.StopAsync();
            await frontEnd.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> UntilOkAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.OK || attempt == 20)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return response;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Every grain call this front end makes waits <see cref="Delay"/> first, as on a starved machine or a slow storage.</summary>
    private sealed class SlowGrainCalls : IOutgoingGrainCallFilter
    {
        private int calls;

        public TimeSpan Delay { get; set; }

        public int Calls => Volatile.Read(ref calls);

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (Delay > TimeSpan.Zero)
            {
                Interlocked.Increment(ref calls);
                await Task.Delay(Delay);
            }

            await context.Invoke();
        }
    }
}
