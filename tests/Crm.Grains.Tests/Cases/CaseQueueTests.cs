using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Tests.Cases;

[Collection(ClusterCollection.Name)]
public sealed class CaseQueueTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ListAsync_OrdersBySlaUrgency_AndFilters()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var normal = await desk.OpenAsync(desk.Report(subject: "normal"));
        var inquiry = await desk.OpenAsync(desk.Report(kind: CaseKind.Inquiry, subject: "inquiry", category: "payment"));
        // A reply moves the case on to its resolution deadline, 4 h out instead of 2 h.
        await desk.Case(normal.CaseId).ReplyAsync("Looking into it.", CaseAction.StartWork, "agent-1");
        var waiting = await desk.OpenAsync(desk.Report(subject: "waiting"));
        await desk.Case(waiting.CaseId).ReplyAsync("Which order?", CaseAction.WaitOnCustomer, "agent-1");

        var all = await desk.Queue.ListAsync(new CaseQueueQuery());

        Assert.Equal(["inquiry", "normal", "waiting"], all.Items.Select(i => i.Subject));
        Assert.True(all.Items[2].Paused);
        Assert.Equal(SlaTarget.Resolution, all.Items[1].DueTarget);
        var complaints = await desk.Queue.ListAsync(new CaseQueueQuery(Kind: CaseKind.Complaint));
        Assert.Equal(["normal", "waiting"], complaints.Items.Select(i => i.Subject));
        var payment = await desk.Queue.ListAsync(new CaseQueueQuery(Category: "payment"));
        Assert.Equal(inquiry.CaseId, Assert.Single(payment.Items).CaseId);
    }

    [Fact]
    public async Task ListAsync_AssigneeLanes_FollowAssignmentAndResolution()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var agent = await desk.AgentAsync("mei");
        var a = await desk.OpenAsync(desk.Report(subject: "a"));
        var b = await desk.OpenAsync(desk.Report(subject: "b"));

        await desk.Case(a.CaseId).AssignAsync(agent, "lead");

        Assert.Equal(["a"], (await desk.Queue.ListAsync(new CaseQueueQuery(Assignee: agent))).Items.Select(i => i.Subject));
        Assert.Equal(["b"], (await desk.Queue.ListAsync(new CaseQueueQuery(Assignee: CaseQueueQuery.Unassigned))).Items.Select(i => i.Subject));
        await desk.Case(a.CaseId).ApplyAsync(CaseAction.Resolve, null, agent);
        Assert.Empty((await desk.Queue.ListAsync(new CaseQueueQuery(Assignee: agent))).Items);
        Assert.Equal(["b"], (await desk.Queue.ListAsync(new CaseQueueQuery())).Items.Select(i => i.Subject));
    }

    [Fact]
    public async Task ListAsync_AfterEverySiloRestarts_LoadsTheSameQueueFromTheIndex()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var agent = await desk.AgentAsync("mei");
        for (var i = 0; i < 20; i++)
        {
            await desk.OpenAsync(desk.Report(subject: $"case {i:D2}"));
        }

        var gone = (await desk.Queue.ListAsync(new CaseQueueQuery(PageSize: 3))).Items;
        await desk.Case(gone[0].CaseId).ApplyAsync(CaseAction.Resolve, null, "agent-1");
        await desk.Case(gone[1].CaseId).AssignAsync(agent, "lead");
        var before = await desk.Queue.ListAsync(new CaseQueueQuery(PageSize: 100));

        await fixture.RestartClusterAsync();
        desk = new CaseDesk(fixture.Client, desk.TenantId, desk.CustomerId);

        var after = await desk.Queue.ListAsync(new CaseQueueQuery(PageSize: 100));
        Assert.Equal(19, after.Items.Length);
        Assert.Equal(before.Items.Select(i => (i.CaseId, i.Assignee)), after.Items.Select(i => (i.CaseId, i.Assignee)));
        Assert.DoesNotContain(after.Items, i => i.CaseId == gone[0].CaseId);
    }

    [Fact]
    public async Task SiloStart_LoadsEveryTenantsQueueBeforeAnyoneAsks()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.OpenAsync();

        await fixture.RestartClusterAsync();

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var active = await CaseDesk.EventuallyAsync(
            async () => (await management.GetDetailedGrainStatistics()).Select(s => s.GrainId.ToString()).ToList(),
            ids => ids.Any(id => id.Contains("casequeue", StringComparison.OrdinalIgnoreCase) && id.EndsWith("/" + desk.TenantId, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
        Assert.Contains(active, id => id.Contains("casequeue", StringComparison.OrdinalIgnoreCase) && id.EndsWith("/" + desk.TenantId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_PagesWithContinuation()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        for (var i = 0; i < 5; i++)
        {
            await desk.OpenAsync(desk.Report(subject: $"case {i}"));
        }

        var first = await desk.Queue.ListAsync(new CaseQueueQuery(PageSize: 3));
        var second = await desk.Queue.ListAsync(new CaseQueueQuery(PageSize: 3, ContinuationToken: first.ContinuationToken));

        Assert.Equal(["case 0", "case 1", "case 2"], first.Items.Select(i => i.Subject));
        Assert.Equal(["case 3", "case 4"], second.Items.Select(i => i.Subject));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task ListAsync_BadQuery_NamesTheFields()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Queue.ListAsync(new CaseQueueQuery(PageSize: 0, Category: "Not A Slug", Assignee: "x y")));

        Assert.Equal(["assignee", "category", "pageSize"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AutoAssign_LeastLoaded_GivesEachNewCaseToTheAgentWithFewestOpen()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([.. CaseCategories.Defaults], 7, AssignmentMode.LeastLoaded), null, "admin");
        var mei = await desk.AgentAsync("mei");
        var tao = await desk.AgentAsync("tao");
        await desk.AgentAsync("off", available: false);

        var opened = new List<CaseView>();
        for (var i = 0; i < 4; i++)
        {
            opened.Add(await desk.OpenAsync());
        }

        var counts = opened.GroupBy(c => (desk.Case(c.CaseId).GetAsync().Result)!.Assignee).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(2, counts[mei]);
        Assert.Equal(2, counts[tao]);
        var loads = await desk.Roster.ListAsync();
        Assert.Equal([2, 2], loads.Where(l => l.Available).Select(l => l.OpenCases));

        // Resolving frees a slot: the next case goes to whoever now has fewer.
        var meiCase = opened.First(c => desk.Case(c.CaseId).GetAsync().Result!.Assignee == mei);
        await desk.Case(meiCase.CaseId).ApplyAsync(CaseAction.Resolve, null, mei);
        var next = await desk.OpenAsync();
        Assert.Equal(mei, (await desk.Case(next.CaseId).GetAsync())!.Assignee);
    }

    [Fact]
    public async Task AutoAssign_RoundRobin_TakesAgentsInTurn()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([.. CaseCategories.Defaults], 7, AssignmentMode.RoundRobin), null, "admin");
        var agents = new[] { await desk.AgentAsync("a"), await desk.AgentAsync("b") }.Order(StringComparer.Ordinal).ToArray();

        var assignees = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var opened = await desk.OpenAsync();
            assignees.Add((await desk.Case(opened.CaseId).GetAsync())!.Assignee);
        }

        Assert.Equal([agents[0], agents[1], agents[0], agents[1]], assignees);
    }

    [Fact]
    public async Task AssignAsync_SomeoneOutsideTheTenant_IsAFieldError()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var other = await CaseDesk.CreateAsync(fixture.Client);
        var stranger = await other.AgentAsync("stranger");
        var view = await desk.OpenAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Case(view.CaseId).AssignAsync(stranger, "lead"));

        Assert.Equal("assignee", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task EscalateAsync_PutsTheCaseInTheEscalationQueueAndTellsTheLeads()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();

        await desk.Case(view.CaseId).EscalateAsync("Customer threatens to go to the platform.", "agent-1");
        await desk.Case(view.CaseId).EscalateAsync("again", "agent-1");

        Assert.Single((await desk.Queue.ListAsync(new CaseQueueQuery(EscalatedOnly: true))).Items);
        var notice = Assert.Single((await desk.Notifications.ListAsync(10, null)).Items);
        Assert.Equal(DeskNotificationKind.Escalated, notice.Kind);
        Assert.Contains("threatens", notice.Message);
        await desk.Case(view.CaseId).ApplyAsync(CaseAction.Resolve, null, "agent-1");
        Assert.Empty((await desk.Queue.ListAsync(new CaseQueueQuery(EscalatedOnly: true))).Items);
    }
}
