using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;

namespace Crm.Grains.Tests.Cases;

/// <summary>A plain reply, as in the service desks agents know: it takes an unassigned case and moves it off "New".</summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseReplyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ReplyAsync_PlainReplyOnANewUnassignedCase_TakesItAndAcknowledgesIt()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var agent = await desk.AgentAsync("lan", available: false);
        var view = await desk.OpenAsync();

        var replied = await desk.Case(view.CaseId).ReplyAsync("We are on it.", null, agent);

        Assert.Equal((agent, CaseStatus.Acknowledged), (replied.Assignee, replied.Status));
        var events = (await desk.Case(view.CaseId).GetHistoryAsync(10, null)).Events;
        Assert.Equal([CaseEventType.Opened, CaseEventType.Assigned, CaseEventType.Replied, CaseEventType.StatusChanged], events.Select(e => e.Type));
        Assert.Equal(agent, Assert.Single((await desk.Queue.ListAsync(new CaseQueueQuery(Assignee: agent))).Items).Assignee);
    }

    [Fact]
    public async Task ReplyAsync_CaseOwnedBySomeoneElseAndUnderWay_KeepsOwnerAndStatus()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var owner = await desk.AgentAsync("mei", available: false);
        var helper = await desk.AgentAsync("lan", available: false);
        var view = await desk.OpenAsync();
        await desk.Case(view.CaseId).AssignAsync(owner, "lead");
        await desk.Case(view.CaseId).ApplyAsync(CaseAction.StartWork, null, owner);

        var replied = await desk.Case(view.CaseId).ReplyAsync("Adding a detail for my colleague.", null, helper);

        Assert.Equal((owner, CaseStatus.InProgress), (replied.Assignee, replied.Status));
    }

    [Fact]
    public async Task ReplyAsync_TenantTurnedAcknowledgementOff_TakesTheCaseButLeavesItNew()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var agent = await desk.AgentAsync("lan", available: false);
        await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([.. CaseCategories.Defaults], 7, AssignmentMode.Manual, AcknowledgeOnFirstReply: false), null, "admin");
        var view = await desk.OpenAsync();

        var replied = await desk.Case(view.CaseId).ReplyAsync("We are on it.", null, agent);
        var waiting = await desk.Case(view.CaseId).ReplyAsync("Could you send a photo?", CaseAction.WaitOnCustomer, agent);

        Assert.Equal((agent, CaseStatus.New), (replied.Assignee, replied.Status));
        Assert.Equal(CaseStatus.WaitingOnCustomer, waiting.Status);
        var events = (await desk.Case(view.CaseId).GetHistoryAsync(10, null)).Events;
        Assert.Equal([CaseEventType.Opened, CaseEventType.Assigned, CaseEventType.Replied, CaseEventType.Replied, CaseEventType.StatusChanged], events.Select(e => e.Type));
    }
}
