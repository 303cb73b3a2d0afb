using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Tests.Cases;

/// <summary>
/// The SLA clock runs on real time here, with targets of seconds, so the reminders really fire. Nothing calls the
/// case while waiting: the tests only read the history and the team leads' feed, which never advance the clock.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseSlaAlertTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Breach_FiresWhileNobodyCallsTheCase()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSlaPolicyAsync(
            // Warning at 3 s, breach at 6 s: each wake-up must land between them, also on a loaded machine.
            new SlaPolicyInput(TimeSpan.FromSeconds(6), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.5), "admin");
        var view = await desk.OpenAsync();

        var history = await CaseDesk.EventuallyAsync(
            () => desk.Case(view.CaseId).GetHistoryAsync(20, null),
            page => page.Events.Any(e => e.Type == CaseEventType.SlaBreached),
            Patience);

        var types = history.Events.Select(e => e.Type).ToList();
        Assert.Equal([CaseEventType.Opened, CaseEventType.SlaWarning, CaseEventType.SlaBreached], types);
        Assert.All(history.Events.Skip(1), e => Assert.Equal((SlaTarget?)SlaTarget.FirstResponse, e.Target));
        var breach = history.Events[2];
        Assert.True(breach.At >= view.Sla.FirstResponse.DueAt, $"breach recorded at {breach.At:O}, due {view.Sla.FirstResponse.DueAt:O}");

        var after = (await desk.Case(view.CaseId).GetAsync())!;
        Assert.True(after.Escalated);
        Assert.Equal([SlaStatus.Warning, SlaStatus.Breached], after.Alerts.Select(a => a.Level));
        var notices = await desk.Notifications.ListAsync(10, null);
        Assert.Equal([DeskNotificationKind.SlaBreached, DeskNotificationKind.SlaWarning], notices.Items.Select(n => n.Kind));
        var escalated = await desk.Queue.ListAsync(new CaseQueueQuery(EscalatedOnly: true));
        Assert.Equal(view.CaseId, Assert.Single(escalated.Items).CaseId);
    }

    [Fact]
    public async Task Breach_OfACaseAnsweredInTime_NeverFires()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(TimeSpan.FromSeconds(3), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.9), "admin");
        var view = await desk.OpenAsync();

        await desk.Case(view.CaseId).ReplyAsync("On it.", CaseAction.StartWork, "agent-1");
        await Task.Delay(TimeSpan.FromSeconds(5));

        var types = (await desk.Case(view.CaseId).GetHistoryAsync(20, null)).Events.Select(e => e.Type);
        Assert.DoesNotContain(CaseEventType.SlaBreached, types);
        Assert.DoesNotContain(CaseEventType.SlaWarning, types);
    }

    [Fact]
    public async Task Breach_PendingAcrossASiloRestart_StillFires()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(TimeSpan.FromSeconds(12), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.95), "admin");
        var view = await desk.OpenAsync();

        await fixture.RestartClusterAsync();
        desk = new CaseDesk(fixture.Client, desk.TenantId, desk.CustomerId);

        var history = await CaseDesk.EventuallyAsync(
            () => desk.Case(view.CaseId).GetHistoryAsync(20, null),
            page => page.Events.Any(e => e.Type == CaseEventType.SlaBreached),
            TimeSpan.FromSeconds(90));
        Assert.Contains(history.Events, e => e.Type == CaseEventType.SlaBreached && e.Actor == "system");
    }

    [Fact]
    public async Task PolicyChange_LeavesOpenCasesOnTheirVersion()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var before = await desk.OpenAsync();

        var v2 = await desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(12)), "admin");
        var after = await desk.OpenAsync();

        Assert.Equal(2, v2.Version);
        var old = (await desk.Case(before.CaseId).AddNoteAsync("still here", "agent-1")).Sla;
        Assert.Equal((1, TimeSpan.FromHours(2)), (old.PolicyVersion, old.FirstResponse.Target));
        Assert.Equal((2, TimeSpan.FromHours(1)), (after.Sla.PolicyVersion, after.Sla.FirstResponse.Target));
        Assert.Equal([1, 2], (await desk.Settings.ListSlaPoliciesAsync()).Select(p => p.Version));
    }
}
