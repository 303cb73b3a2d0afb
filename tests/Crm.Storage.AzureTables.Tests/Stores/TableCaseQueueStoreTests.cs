using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Storage.AzureTables.Protection;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Protection;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>The work-queue index in a real Azurite: lanes, urgency order, isolation, encryption.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCaseQueueStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Lanes are opaque to the store; these mimic the shapes the product uses and a few it must keep apart.
    private const string AllLane = "all";
    private const string EscalatedLane = "esc";

    private static string AssigneeLane(string username) => "a:" + username;

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private TableServiceClient _service = null!;
    private TableCaseQueueStore _store = null!;

    public async Task InitializeAsync()
    {
        _service = new TableServiceClient(azurite.ConnectionString);
        await _service.CreateTableIfNotExistsAsync(CrmTables.CaseQueue);
        _store = new TableCaseQueueStore(_service, TestKeyRings.Protector());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReadLane_PutItem_RoundTripsEveryField()
    {
        var tenant = NewTenant();
        var item = new CaseQueueItem(
            "case-7", "cust-3", CaseKind.AfterSales, CaseSeverity.Major, "returns/eu", CaseStatus.WaitingOnCustomer, "alice",
            true, "Broken kettle #7?", Start, Start.AddHours(8), SlaTarget.Resolution, SlaStatus.Breached, true,
            TimeSpan.FromMinutes(-95), CaseChannel.Email);
        var paused = new CaseUrgency(item.DueAt, item.DueTarget, item.SlaStatus, item.Paused, item.Left);

        await _store.PutAsync(tenant, [new QueueSlot(AllLane, paused.SortKey(item.CaseId))], item);

        Assert.Equal([item], await LaneAsync(tenant, AllLane));
    }

    [Fact]
    public async Task ReadLane_ManyItemsInTwoLanes_ReadsEachLaneInUrgencyOrderWithoutGapsOrRepeats()
    {
        var tenant = NewTenant();
        var items = Enumerable.Range(0, 23).Select(i => Item(i)).ToList();
        var slots = items.ToDictionary(i => i.CaseId, i => SortKey(i));
        // Written in shuffled order, concurrently per slot; every third case is also in bob's lane.
        foreach (var item in items.OrderBy(_ => Random.Shared.Next()))
        {
            var lanes = int.Parse(item.CaseId[2..]) % 3 == 0 ? new[] { AllLane, AssigneeLane("bob") } : [AllLane];
            await _store.PutAsync(tenant, lanes.Select(l => new QueueSlot(l, slots[item.CaseId])).ToList(), item);
        }

        var all = await LaneAsync(tenant, AllLane);
        var bob = await LaneAsync(tenant, AssigneeLane("bob"));

        Assert.Equal(items.OrderBy(i => slots[i.CaseId], StringComparer.Ordinal).Select(i => i.CaseId), all.Select(i => i.CaseId));
        Assert.Equal(
            items.Where(i => int.Parse(i.CaseId[2..]) % 3 == 0).OrderBy(i => slots[i.CaseId], StringComparer.Ordinal).Select(i => i.CaseId),
            bob.Select(i => i.CaseId));
        // Overdue running cases first, then the rest by deadline, paused cases last.
        Assert.True(all[0].DueAt < all[1].DueAt);
        Assert.True(all[^1].Paused);
    }

    [Fact]
    public async Task ReadLane_TenantAndLaneNamesThatPrefixOthers_SeeOnlyTheirOwnRows()
    {
        var a = NewTenant();
        var ab = a + "b";
        await _store.PutAsync(a, [new QueueSlot(AllLane, SortKey(Item(1))), new QueueSlot(AssigneeLane("bob"), SortKey(Item(1)))], Item(1));
        await _store.PutAsync(ab, [new QueueSlot(AllLane, SortKey(Item(2)))], Item(2));
        await _store.PutAsync(a, [new QueueSlot(AssigneeLane("bobby"), SortKey(Item(3)))], Item(3));
        await _store.PutAsync(a, [new QueueSlot("a:bob|all", SortKey(Item(4)))], Item(4));

        Assert.Equal(["c-1"], (await LaneAsync(a, AllLane)).Select(i => i.CaseId));
        Assert.Equal(["c-2"], (await LaneAsync(ab, AllLane)).Select(i => i.CaseId));
        Assert.Equal(["c-1"], (await LaneAsync(a, AssigneeLane("bob"))).Select(i => i.CaseId));
        Assert.Empty((await LaneAsync(ab, AssigneeLane("bob"))));
        await Assert.ThrowsAsync<ArgumentException>(() => LaneAsync(a + "|a:bob", AllLane));
    }

    [Fact]
    public async Task ReadLane_UsernameWithCharactersKeysForbid_HasItsOwnLane()
    {
        var tenant = NewTenant();
        await _store.PutAsync(tenant, [new QueueSlot(AssigneeLane("ann/b#1?"), SortKey(Item(1)))], Item(1));
        await _store.PutAsync(tenant, [new QueueSlot(AssigneeLane("ann_b_1_"), SortKey(Item(2)))], Item(2));

        Assert.Equal(["c-1"], (await LaneAsync(tenant, AssigneeLane("ann/b#1?"))).Select(i => i.CaseId));
        Assert.Equal(["c-2"], (await LaneAsync(tenant, AssigneeLane("ann_b_1_"))).Select(i => i.CaseId));
    }

    [Fact]
    public async Task Put_SameSlotAgain_ReplacesTheRow()
    {
        var tenant = NewTenant();
        var slot = new QueueSlot(AllLane, SortKey(Item(1)));
        await _store.PutAsync(tenant, [slot], Item(1));

        await _store.PutAsync(tenant, [slot], Item(1) with { Assignee = null, Status = CaseStatus.InProgress });

        Assert.Equal([Item(1) with { Assignee = null, Status = CaseStatus.InProgress }], await LaneAsync(tenant, AllLane));
    }

    [Fact]
    public async Task Remove_TwiceAndSlotsNeverWritten_IsFineAndLeavesOtherSlots()
    {
        var tenant = NewTenant();
        var all = new QueueSlot(AllLane, SortKey(Item(1)));
        var esc = new QueueSlot(EscalatedLane, SortKey(Item(1)));
        await _store.PutAsync(tenant, [all, esc], Item(1));
        await _store.PutAsync(tenant, [new QueueSlot(AllLane, SortKey(Item(2)))], Item(2));

        await _store.RemoveAsync(tenant, [all, esc]);
        await _store.RemoveAsync(tenant, [all, esc, new QueueSlot(AssigneeLane("-"), "0x_never")]);

        Assert.Equal(["c-2"], (await LaneAsync(tenant, AllLane)).Select(i => i.CaseId));
        Assert.Empty((await LaneAsync(tenant, EscalatedLane)));
    }

    [Fact]
    public async Task Put_Subject_IsCiphertextInTheRawRowWhileFilteredFieldsStayPlain()
    {
        var tenant = NewTenant();
        var item = Item(1) with { Subject = "Refund for Jane Doe, card 4111" };
        await _store.PutAsync(tenant, [new QueueSlot(AllLane, SortKey(item))], item);

        var row = await _service.GetTableClient(CrmTables.CaseQueue)
            .QueryAsync<TableEntity>(e => e.PartitionKey == tenant + "|all").FirstAsync();

        var subject = row.GetString("Subject");
        Assert.StartsWith(PersonalDataProtector.StringPrefix, subject);
        Assert.DoesNotContain("Jane", subject);
        Assert.Equal(item.Category, row.GetString("Category"));
        Assert.Equal((int)item.Kind, row.GetInt32("Kind"));
        Assert.Equal(SortKey(item), row.RowKey);
    }

    private async Task<List<CaseQueueItem>> LaneAsync(string tenant, string lane)
    {
        var items = new List<CaseQueueItem>();
        await foreach (var (sortKey, item) in _store.ReadLaneAsync(tenant, lane))
        {
            Assert.Equal(SortKey(item), sortKey);
            items.Add(item);
        }

        return items;
    }

    /// <summary>Case i: deadlines spread around now, some overdue, every seventh paused.</summary>
    private static CaseQueueItem Item(int i) => new(
        "c-" + i, "cust-" + i, CaseKind.Inquiry, CaseSeverity.Normal, "delivery", CaseStatus.InProgress, "bob", false,
        "Subject " + i, Start, Start.AddMinutes((i * 37 % 101) - 30), SlaTarget.FirstResponse, SlaStatus.Pending,
        i % 7 == 6, TimeSpan.FromMinutes(i * 13 % 50), CaseChannel.Web);

    private static string SortKey(CaseQueueItem item) =>
        new CaseUrgency(item.DueAt, item.DueTarget, item.SlaStatus, item.Paused, item.Left).SortKey(item.CaseId);

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];
}
