using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;
using Crm.Grains.Reports;
using Crm.Grains.Tests.Cases;
using Crm.Silo.Reports;

namespace Crm.Grains.Tests.Reports;

/// <summary>
/// Scheduled reports on durable reminders: each period made exactly once across repeated ticks and a restart of every
/// silo, periods missed during downtime caught up, a failed one tried again; the claim is the table's insert.
/// </summary>
[Collection(ReportScheduleCollection.Name)]
public sealed class ReportScheduleTests(ReportScheduleFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly ReportScheduleSettings WeeklyAndMonthlyAtEight = new(true, true, false, new TimeOnly(8, 0));

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private async Task<string> ShanghaiTenantAsync()
    {
        fixture.Clock.Now = ReportScheduleFixture.Start; // 20:00 on 30 November in Shanghai
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.75, new SlaCalendarView("Asia/Shanghai", [], [])),
            "admin");
        return desk.TenantId;
    }

    private IReportScheduleGrain Schedule(string tenantId) => fixture.Client.GetGrain<IReportScheduleGrain>(tenantId);

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Set_WeeklyAndMonthly_ShowsTheNextDueOfEachInTheTenantsZone()
    {
        var tenant = await ShanghaiTenantAsync();
        var view = await Schedule(tenant).SetAsync(WeeklyAndMonthlyAtEight with { At = new TimeOnly(8, 0, 42) }, "admin");

        Assert.Equal("Asia/Shanghai", view.TimeZoneId);
        Assert.Equal(new TimeOnly(8, 0), view.At); // whole minutes
        Assert.Equal(ReportScheduleFixture.Start, view.CheckedThrough);
        Assert.Equal(["2026-11", "2026-W49"], view.Next.Select(n => n.Period));
        Assert.Equal(Utc(12, 1, 0), view.Next[0].DueAt.ToUniversalTime());
        Assert.Equal(Utc(12, 7, 0), view.Next[1].DueAt.ToUniversalTime());
        var again = await Schedule(tenant).GetAsync();
        Assert.Equal(view with { Next = [] }, again with { Next = [] });
        Assert.Equal(view.Next.AsEnumerable(), again.Next.AsEnumerable());
    }

    [Fact]
    public async Task Off_HasNoNextAndMakesNothing()
    {
        var tenant = await ShanghaiTenantAsync();
        await Schedule(tenant).SetAsync(WeeklyAndMonthlyAtEight, "admin");
        var off = await Schedule(tenant).SetAsync(new ReportScheduleSettings(false, false, false, new TimeOnly(8, 0)), "admin");
        Assert.Empty(off.Next);
        Assert.Null(off.CheckedThrough);

        fixture.Clock.Now = Utc(12, 2, 0);
        Assert.Empty(await Schedule(tenant).RunDueAsync());
        Assert.Empty(fixture.Counts.For(tenant));
    }

    [Fact]
    public async Task DuePeriod_RepeatedTicksAndARestart_IsMadeExactlyOnce()
    {
        var tenant = await ShanghaiTenantAsync();
        await Schedule(tenant).SetAsync(WeeklyAndMonthlyAtEight, "admin");
        fixture.Clock.Now = Utc(12, 1, 0).AddMinutes(5); // November fell due at 08:00 local on 1 December

        // The reminder ticks every second by itself; call the tick directly as well, as a redelivered reminder would.
        var made = new List<string>();
        made.AddRange(await Schedule(tenant).RunDueAsync());
        made.AddRange(await Schedule(tenant).RunDueAsync());
        var remindable = Schedule(tenant).AsReference<IRemindable>();
        await remindable.ReceiveReminder(ReportScheduleGrain.ReminderName, new TickStatus(DateTime.UtcNow, TimeSpan.FromSeconds(1), DateTime.UtcNow));
        await EventuallyAsync(() => fixture.Counts.Of(tenant, "2026-11") >= 1, "November's report");

        await fixture.RestartAsync();
        made.AddRange(await Schedule(tenant).RunDueAsync());
        await Task.Delay(TimeSpan.FromSeconds(3)); // the restarted reminder ticks a few times

        Assert.Equal(new Dictionary<string, int> { ["2026-11"] = 1 }, fixture.Counts.For(tenant));
        Assert.True(made.Count(m => m == "2026-11") <= 1);
        var run = Assert.Single(await fixture.Runs.ListAsync(tenant));
        Assert.Equal("2026-11", run.Period);
        Assert.Equal(ReportRunState.Done, run.State);
        Assert.True(run.Documents["report.pdf"] > 1000);
        Assert.True(run.Documents["report.html"] > 1000);
        Assert.True(run.Documents["tables/kpis.csv"] > 0);
        Assert.Equal(fixture.Clock.Now, (await Schedule(tenant).GetAsync()).CheckedThrough);

        // Stored as documents in the blob service, listed in the inbox, readable after the restart.
        var inbox = fixture.Client.GetGrain<IReportInboxGrain>(tenant);
        Assert.Equal("2026-11", Assert.Single(await inbox.ListAsync()).Period);
        var pdf = await inbox.GetDocumentAsync("2026-11", "report.pdf");
        Assert.NotNull(pdf);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.Equal(run.Documents["report.pdf"], pdf.Content.Length);
        Assert.Equal("%PDF"u8.ToArray(), pdf.Content[..4]);
        var html = System.Text.Encoding.UTF8.GetString((await inbox.GetDocumentAsync("2026-11", "report.html"))!.Content);
        Assert.Contains("tables/kpis.csv", html);
        Assert.NotNull(await inbox.GetDocumentAsync("2026-11", "tables/kpis.csv"));
        Assert.Null(await inbox.GetDocumentAsync("2026-11", "../other/report.pdf"));
        Assert.Null(await inbox.GetDocumentAsync("2026-10", "report.pdf"));
    }

    [Fact]
    public async Task FinishedReport_IsAnnouncedOnTheWebhookOnce_AsReportReady()
    {
        var tenant = await ShanghaiTenantAsync();
        await fixture.Client.GetGrain<IWebhookGrain>(tenant).ConfigureAsync($"http://127.0.0.1:{Crm.Testing.AzuriteServer.FreeTcpPort()}/hook", "admin");
        await Schedule(tenant).SetAsync(new ReportScheduleSettings(false, true, false, new TimeOnly(8, 0)), "admin");
        fixture.CompletionsToLose[tenant] = 1; // the make is retried after it announced: the announcement must not double
        fixture.Clock.Now = Utc(12, 1, 1);

        await EventuallyAsync(() => fixture.Counts.Of(tenant, "2026-11") == 1 && fixture.CompletionsToLose[tenant] == 0, "November's report");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var status = await fixture.Client.GetGrain<IWebhookGrain>(tenant).GetStatusAsync();
        var ready = Assert.Single(status.Deliveries, d => d.Type == "report.ready");
        Assert.Equal($"report.ready/{tenant}/2026-11", ready.EventId);
    }

    [Fact]
    public async Task MakeNow_AnyPeriod_IsStoredInTheInboxAndReplacesAnEarlierOne()
    {
        var tenant = await ShanghaiTenantAsync();
        var schedule = Schedule(tenant);
        var first = await schedule.MakeNowAsync("2026-11-15", "manager");
        var second = await schedule.MakeNowAsync("2026-11-15", "manager");

        var inbox = fixture.Client.GetGrain<IReportInboxGrain>(tenant);
        var listed = Assert.Single(await inbox.ListAsync());
        Assert.Equal("2026-11-15", listed.Period);
        Assert.Equal(second.CompletedAt, listed.CompletedAt);
        Assert.True(second.CompletedAt >= first.CompletedAt);
        Assert.NotNull(await inbox.GetDocumentAsync("2026-11-15", "report.pdf"));
        await Assert.ThrowsAsync<Crm.Contracts.Common.ValidationFailedException>(() => schedule.MakeNowAsync("2026-13", "manager"));
    }

    [Fact]
    public async Task Downtime_EveryPeriodMissedIsCaughtUpByTheReminderAfterTheRestart()
    {
        var tenant = await ShanghaiTenantAsync();
        await Schedule(tenant).SetAsync(WeeklyAndMonthlyAtEight, "admin");

        // Every silo down from 30 November to 25 December: November and three weeks fell due meanwhile.
        await fixture.StopAsync();
        fixture.Clock.Now = Utc(12, 25, 4);
        await fixture.StartAsync();

        // Nobody calls the grain: the durable reminder alone wakes it.
        await EventuallyAsync(() => fixture.Counts.For(tenant).Count >= 4, "the caught-up reports");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(
            new Dictionary<string, int> { ["2026-11"] = 1, ["2026-W49"] = 1, ["2026-W50"] = 1, ["2026-W51"] = 1 },
            fixture.Counts.For(tenant));
        Assert.Equal(["2026-11", "2026-W49", "2026-W50", "2026-W51"], (await fixture.Runs.ListAsync(tenant)).Select(r => r.Period).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FailedMake_IsTriedAgainAtTheNextTick_AndLaterPeriodsWait()
    {
        var tenant = await ShanghaiTenantAsync();
        await Schedule(tenant).SetAsync(WeeklyAndMonthlyAtEight, "admin");
        fixture.Counts.FailuresLeft[tenant] = 1;
        fixture.Clock.Now = Utc(12, 8, 0); // November and W49 are due

        await EventuallyAsync(() => fixture.Counts.For(tenant).Count >= 2, "both reports after the failure");
        Assert.Equal(0, fixture.Counts.FailuresLeft[tenant]);
        Assert.Equal(new Dictionary<string, int> { ["2026-11"] = 1, ["2026-W49"] = 1 }, fixture.Counts.For(tenant));
        Assert.All(await fixture.Runs.ListAsync(tenant), r => Assert.Equal(ReportRunState.Done, r.State));
    }

    [Fact]
    public async Task LostAnswerAfterTheRunIsDone_NextTickFindsItDone_AndMakesNothingAgain()
    {
        // A crash after the run row says done but before the schedule moved its mark: the next ticks see the period
        // again, and only the claim (an insert, never an upsert) stops a second report.
        var tenant = await ShanghaiTenantAsync();
        await Schedule(tenant).SetAsync(WeeklyAndMonthlyAtEight, "admin");
        fixture.CompletionsToLose[tenant] = 1;
        fixture.Clock.Now = Utc(12, 1, 1);

        await EventuallyAsync(() => fixture.CompletionsToLose[tenant] == 0, "the lost answer");
        var deadline = DateTime.UtcNow + Patience;
        while ((await Schedule(tenant).GetAsync()).CheckedThrough != fixture.Clock.Now)
        {
            Assert.True(DateTime.UtcNow < deadline, "The mark never moved past November.");
            await Task.Delay(200);
        }

        Assert.Empty(await Schedule(tenant).RunDueAsync());

        Assert.Equal(new Dictionary<string, int> { ["2026-11"] = 1 }, fixture.Counts.For(tenant));
        Assert.Equal(ReportRunState.Done, Assert.Single(await fixture.Runs.ListAsync(tenant)).State);
    }

    [Fact]
    public async Task Claim_ManyAtOnce_HasOneWinner()
    {
        var runs = fixture.Runs;
        var tenant = "claims-" + Guid.NewGuid().ToString("N")[..8];
        var now = Utc(12, 1, 0);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => runs.TryClaimAsync(tenant, "2026-11", $"silo-{i}", now, TimeSpan.FromMinutes(10))));

        var winner = Assert.Single(claims, c => c.Outcome == RunClaimOutcome.Claimed);
        Assert.All(claims.Where(c => c != winner), c => Assert.Equal(RunClaimOutcome.HeldElsewhere, c.Outcome));
        await runs.CompleteAsync(winner, new ReportRun("2026-11", ReportRunState.Done, winner.ClaimedAt, now, "zh-CN", System.Collections.Immutable.ImmutableDictionary<string, long>.Empty));
        Assert.Equal(RunClaimOutcome.Done, (await runs.TryClaimAsync(tenant, "2026-11", "silo-9", now.AddHours(1), TimeSpan.FromMinutes(10))).Outcome);
    }

    [Fact]
    public async Task Claim_OfADeadMaker_IsTakenOverAfterItsLease_AndTheOldClaimCannotComplete()
    {
        var runs = fixture.Runs;
        var tenant = "claims-" + Guid.NewGuid().ToString("N")[..8];
        var now = Utc(12, 1, 0);
        var lease = TimeSpan.FromMinutes(10);
        var dead = await runs.TryClaimAsync(tenant, "2026-W49", "silo-a", now, lease);
        Assert.Equal(RunClaimOutcome.Claimed, dead.Outcome);

        Assert.Equal(RunClaimOutcome.HeldElsewhere, (await runs.TryClaimAsync(tenant, "2026-W49", "silo-b", now + lease - TimeSpan.FromSeconds(1), lease)).Outcome);
        Assert.Equal(RunClaimOutcome.Claimed, (await runs.TryClaimAsync(tenant, "2026-W49", "silo-a", now.AddMinutes(1), lease)).Outcome); // its own, again
        var taken = await runs.TryClaimAsync(tenant, "2026-W49", "silo-b", now.AddMinutes(1) + lease, lease);
        Assert.Equal(RunClaimOutcome.Claimed, taken.Outcome);

        var run = new ReportRun("2026-W49", ReportRunState.Done, dead.ClaimedAt, now, "en", System.Collections.Immutable.ImmutableDictionary<string, long>.Empty);
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => runs.CompleteAsync(dead, run));
        await runs.CompleteAsync(taken, run);
        Assert.Equal(ReportRunState.Done, Assert.Single(await runs.ListAsync(tenant)).State);
    }
}
