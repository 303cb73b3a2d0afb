using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Tests.Cases;

[Collection(ClusterCollection.Name)]
public sealed class CaseGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task OpenAsync_NewComplaint_MeasuredAgainstDefaultPolicyAndRecordedInHistoryAndArchive()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var view = await desk.OpenAsync();

        Assert.Equal(CaseStatus.New, view.Status);
        Assert.Equal(1, view.Sla.PolicyVersion);
        Assert.Equal(view.OpenedAt + TimeSpan.FromHours(2), view.Sla.FirstResponse.DueAt);
        Assert.Equal(view.OpenedAt + TimeSpan.FromHours(4), view.Sla.Resolution.DueAt);
        Assert.Equal(view.OpenedAt + TimeSpan.FromHours(1.5), view.Sla.NextDueAt);
        var history = await desk.Case(view.CaseId).GetHistoryAsync(10, null);
        var opened = Assert.Single(history.Events);
        Assert.Equal((CaseEventType.Opened, "agent-1", 1L), (opened.Type, opened.Actor, opened.Sequence));
        var archive = await desk.Customer().GetArchiveAsync(10, null);
        var entry = archive.Entries[0];
        Assert.Equal(ArchiveEntryKind.Complaint, entry.Kind);
        Assert.Equal(view.CaseId, entry.ReferenceId);
        Assert.Equal("Complaint opened: Parcel arrived damaged", entry.Summary);
    }

    [Fact]
    public async Task OpenAsync_MajorSeverity_Gets24HourResolution()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var view = await desk.OpenAsync(desk.Report(severity: CaseSeverity.Major));

        Assert.Equal(view.OpenedAt + TimeSpan.FromHours(24), view.Sla.Resolution.DueAt);
    }

    [Fact]
    public async Task OpenAsync_RetriedRequest_MakesOneCase()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var requestId = "req-" + Guid.NewGuid();
        var caseId = CaseKey.IdForRequest(requestId);

        var openings = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => desk.Case(caseId).OpenAsync(desk.Report(requestId: requestId), "agent-1")));

        Assert.Single(openings, o => o.Created);
        Assert.All(openings, o => Assert.Equal(caseId, o.Case.CaseId));
        Assert.Single((await desk.Case(caseId).GetHistoryAsync(10, null)).Events);
        Assert.Single((await desk.Customer().GetArchiveAsync(10, null)).Entries, e => e.ReferenceId == caseId);
    }

    [Fact]
    public async Task OpenAsync_RequestIdReusedForOtherCase_Conflicts()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var requestId = "req-" + Guid.NewGuid();
        var caseId = CaseKey.IdForRequest(requestId);
        await desk.Case(caseId).OpenAsync(desk.Report(requestId: requestId), "agent-1");

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            desk.Case(caseId).OpenAsync(desk.Report(requestId: requestId, subject: "Something else"), "agent-1"));

        Assert.Contains("already used", error.Message);
        Assert.Equal("Parcel arrived damaged", (await desk.Case(caseId).GetAsync())!.Subject);
    }

    [Fact]
    public async Task OpenAsync_BadReport_NamesEveryFieldAndStoresNothing()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var report = desk.Report(category: "no-such-category") with
        {
            Kind = CaseKind.AfterSales,
            Subject = " ",
            CustomerId = "missing-customer",
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Case("c1").OpenAsync(report, "agent-1"));

        Assert.Equal(
            ["afterSalesType", "category", "orderReference", "subject"],
            error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Null(await desk.Case("c1").GetAsync());
    }

    [Fact]
    public async Task OpenAsync_UnknownCustomer_IsAFieldError()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Case("c1").OpenAsync(desk.Report(customerId: "nobody"), "agent-1"));

        Assert.Equal("customerId", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task OpenAsync_AfterSalesRefund_KeepsOrderReference()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var view = await desk.OpenAsync(desk.Report(kind: CaseKind.AfterSales, category: "returns-refunds") with
        {
            AfterSalesType = AfterSalesType.Refund,
            OrderReference = " SO-2026-1187 ",
        });

        Assert.Equal((AfterSalesType.Refund, "SO-2026-1187"), (view.AfterSalesType, view.OrderReference));
        Assert.Equal(ArchiveEntryKind.AfterSales, (await desk.Customer().GetArchiveAsync(1, null)).Entries[0].Kind);
    }

    [Fact]
    public async Task ApplyAsync_IllegalTransition_ConflictsSayingWhatIsAllowed()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();

        var error = await Assert.ThrowsAsync<ConflictException>(() => desk.Case(view.CaseId).ApplyAsync(CaseAction.Close, null, "agent-1"));

        Assert.Contains("cannot be closed", error.Message);
        Assert.Contains("acknowledged", error.Message);
        Assert.Equal(CaseStatus.New, (await desk.Case(view.CaseId).GetAsync())!.Status);
    }

    [Fact]
    public async Task ReplyAsync_FirstReplyIsTheFirstResponse_AndWaitingPausesResolution()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();
        var grain = desk.Case(view.CaseId);

        var replied = await grain.ReplyAsync("Sorry to hear that. Could you send a photo?", CaseAction.WaitOnCustomer, "agent-1");

        Assert.Equal(CaseStatus.WaitingOnCustomer, replied.Status);
        Assert.Equal(SlaStatus.Met, replied.Sla.FirstResponse.Status);
        Assert.True(replied.Sla.Resolution.IsPaused);
        var resumed = await grain.ReceiveCustomerMessageAsync("Photo attached.", "customer");
        Assert.Equal(CaseStatus.InProgress, resumed.Status);
        Assert.False(resumed.Sla.Resolution.IsPaused);
        var events = (await grain.GetHistoryAsync(20, null)).Events;
        Assert.Equal(
            [CaseEventType.Opened, CaseEventType.Assigned, CaseEventType.Replied, CaseEventType.StatusChanged, CaseEventType.CustomerMessage, CaseEventType.StatusChanged],
            events.Select(e => e.Type));
        Assert.Equal(events.Select(e => e.Sequence), [1L, 2, 3, 4, 5, 6]);
        Assert.Equal("agent-1", replied.Assignee);
        var archive = await desk.Customer().GetArchiveAsync(20, null);
        Assert.Equal(6, archive.Entries.Count(e => e.ReferenceId == view.CaseId));
    }

    [Fact]
    public async Task ReceiveCustomerMessageAsync_AfterResolution_ReopensWithinTheWindow()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();
        var grain = desk.Case(view.CaseId);
        await grain.ReplyAsync("Refund issued.", CaseAction.Resolve, "agent-1");

        var reopened = await grain.ReceiveCustomerMessageAsync("The refund has not arrived.", "customer");

        Assert.Equal(CaseStatus.Reopened, reopened.Status);
        Assert.Null(reopened.Sla.Resolution.CompletedAt);
        Assert.Contains(CaseAction.Resolve, reopened.AllowedActions);
    }

    [Fact]
    public async Task AddNoteAsync_OnClosedCase_IsKept()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();
        var grain = desk.Case(view.CaseId);
        await grain.ApplyAsync(CaseAction.Resolve, "Answered by phone.", "agent-1");
        await grain.ApplyAsync(CaseAction.Close, null, "agent-1");

        await grain.AddNoteAsync("Customer called to say thanks.", "agent-2");

        var last = (await grain.GetHistoryAsync(20, null)).Events[^1];
        Assert.Equal((CaseEventType.NoteAdded, "agent-2"), (last.Type, last.Actor));
        await Assert.ThrowsAsync<ConflictException>(() => grain.ReplyAsync("Hello again", null, "agent-1"));
    }

    [Fact]
    public async Task MergeIntoAsync_Duplicate_ClosesItAndRecordsOnBoth()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var original = await desk.OpenAsync();
        var duplicate = await desk.OpenAsync(desk.Report(subject: "Broken vase (second message)"));

        var merged = await desk.Case(duplicate.CaseId).MergeIntoAsync(original.CaseId, "agent-1");

        Assert.Equal((CaseStatus.Closed, original.CaseId), (merged.Status, merged.MergedInto));
        Assert.Empty(merged.AllowedActions);
        var target = (await desk.Case(original.CaseId).GetHistoryAsync(10, null)).Events[^1];
        Assert.Equal((CaseEventType.MergedFrom, duplicate.CaseId), (target.Type, target.RelatedCaseId));
        await Assert.ThrowsAsync<ConflictException>(() => desk.Case(duplicate.CaseId).ReplyAsync("x", null, "agent-1"));
    }

    [Fact]
    public async Task MergeIntoAsync_OtherCustomer_Conflicts()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Customer("other").CreateAsync(Customers.CustomerBuilder.Profile("Zhang San"), "setup");
        var mine = await desk.OpenAsync();
        var theirs = await desk.OpenAsync(desk.Report(customerId: "other"));

        await Assert.ThrowsAsync<ConflictException>(() => desk.Case(theirs.CaseId).MergeIntoAsync(mine.CaseId, "agent-1"));

        Assert.Null((await desk.Case(theirs.CaseId).GetAsync())!.MergedInto);
    }

    [Fact]
    public async Task CustomerErasure_RedactsTheCasesTextsEverywhere()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync(desk.Report(subject: "Zhaoxin's broken vase"));
        await desk.Case(view.CaseId).ReplyAsync("Dear Zhaoxin, a new vase is on its way.", CaseAction.StartWork, "agent-1");
        await desk.Case(view.CaseId).AddNoteAsync("Zhaoxin called twice.", "agent-1");
        await desk.Case(view.CaseId).EscalateAsync("Zhaoxin is upset", "agent-1");

        await desk.Customer().ErasePersonalDataAsync("admin");
        // After a restart everything below is read back from storage, not from memory.
        await fixture.RestartClusterAsync();
        desk = new CaseDesk(fixture.Client, desk.TenantId, desk.CustomerId);

        var erased = (await desk.Case(view.CaseId).GetAsync())!;
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(("(erased)", "(erased)"), (erased.Subject, erased.Description));
        var history = (await desk.Case(view.CaseId).GetHistoryAsync(20, null)).Events;
        Assert.All(history, e => Assert.Null(e.Text));
        Assert.Equal(CaseEventType.PersonalDataErased, history[^1].Type);
        var queued = Assert.Single((await desk.Queue.ListAsync(new CaseQueueQuery())).Items);
        Assert.Equal("(erased)", queued.Subject);
        var notice = Assert.Single((await desk.Notifications.ListAsync(10, null)).Items);
        Assert.DoesNotContain("Zhaoxin", notice.Message);
        await Assert.ThrowsAsync<ConflictException>(() => desk.Case(view.CaseId).ReplyAsync("Hello?", null, "agent-1"));
        Assert.Equal(CaseStatus.Resolved, (await desk.Case(view.CaseId).ApplyAsync(CaseAction.Resolve, null, "agent-1")).Status);
    }

    [Fact]
    public async Task ChangeDetailsAsync_ToMajor_MovesTheResolutionDeadlineAndTheQueueRow()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();

        var changed = await desk.Case(view.CaseId).ChangeDetailsAsync(CaseSeverity.Major, "Product-Quality", "lead");

        Assert.Equal((CaseSeverity.Major, "product-quality"), (changed.Severity, changed.Category));
        Assert.Equal(view.OpenedAt + TimeSpan.FromHours(24), changed.Sla.Resolution.DueAt);
        var last = (await desk.Case(view.CaseId).GetHistoryAsync(10, null)).Events[^1];
        Assert.Equal(CaseEventType.DetailsChanged, last.Type);
        Assert.Contains("severity Normal → Major", last.Text);
        var major = await desk.Queue.ListAsync(new CaseQueueQuery(Severity: CaseSeverity.Major, Category: "product-quality"));
        Assert.Equal(view.CaseId, Assert.Single(major.Items).CaseId);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Case(view.CaseId).ChangeDetailsAsync(null, "nope", "lead"));
        Assert.Equal("category", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task ChangeDetailsAsync_DowngradePastTheNormalDeadline_RecordsTheBreachAtOnce()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), TimeSpan.FromHours(24)), "admin");
        var view = await desk.OpenAsync(desk.Report(severity: CaseSeverity.Major));
        await desk.Case(view.CaseId).ReplyAsync("Checking.", CaseAction.StartWork, "agent-1");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var changed = await desk.Case(view.CaseId).ChangeDetailsAsync(CaseSeverity.Normal, null, "lead");

        Assert.Equal(SlaStatus.Breached, changed.Sla.Resolution.Status);
        Assert.True(changed.Escalated);
        var types = (await desk.Case(view.CaseId).GetHistoryAsync(20, null)).Events.Select(e => e.Type).ToList();
        Assert.Equal(CaseEventType.SlaBreached, types[^1]);
        Assert.Equal(CaseEventType.DetailsChanged, types[^2]);
    }

    [Fact]
    public async Task GetHistoryAsync_PagesOldestFirst()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var view = await desk.OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await desk.Case(view.CaseId).AddNoteAsync($"note {i}", "agent-1");
        }

        var first = await desk.Case(view.CaseId).GetHistoryAsync(3, null);
        var second = await desk.Case(view.CaseId).GetHistoryAsync(3, first.ContinuationToken);

        Assert.Equal([1L, 2, 3], first.Events.Select(e => e.Sequence));
        Assert.Equal([4L, 5], second.Events.Select(e => e.Sequence));
        Assert.Null(second.ContinuationToken);
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Case(view.CaseId).GetHistoryAsync(3, "99"));
    }
}
