using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Cases;
using Crm.Storage.AzureTables.Protection;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Protection;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>The work-queue index in a real Azurite: lanes, urgency order, paging, server-side filters.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCaseQueueStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
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
    public async Task Read_PutItem_RoundTripsEveryField()
    {
        var tenant = NewTenant();
        var item = new CaseQueueItem(
            "case-7", "cust-3", CaseKind.AfterSales, CaseSeverity.Major, "returns/eu", CaseStatus.WaitingOnCustomer, "alice",
            true, "Broken kettle #7?", Start, Start.AddHours(8), SlaTarget.Resolution, SlaStatus.Breached, true,
            TimeSpan.FromMinutes(-95), CaseChannel.Email);
        var paused = new CaseUrgency(item.DueAt, item.DueTarget, item.SlaStatus, item.Paused, item.Left);

        await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AllLane, paused.SortKey(item.CaseId))], item);

        var page = await _store.ReadAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery());
        Assert.Equal(new[] { item }, page.Items.AsEnumerable());
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Read_ManyItemsInTwoLanes_PagesEachLaneInUrgencyOrderWithoutGapsOrRepeats()
    {
        var tenant = NewTenant();
        var items = Enumerable.Range(0, 23).Select(i => Item(i)).ToList();
        var slots = items.ToDictionary(i => i.CaseId, i => SortKey(i));
        // Written in shuffled order, concurrently per slot; every third case is also in bob's lane.
        foreach (var item in items.OrderBy(_ => Random.Shared.Next()))
        {
            var lanes = int.Parse(item.CaseId[2..]) % 3 == 0 ? new[] { QueueSlot.AllLane, QueueSlot.AssigneeLane("bob") } : [QueueSlot.AllLane];
            await _store.PutAsync(tenant, lanes.Select(l => new QueueSlot(l, slots[item.CaseId])).ToList(), item);
        }

        var all = await ReadAllAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(PageSize: 5));
        var bob = await ReadAllAsync(tenant, QueueSlot.AssigneeLane("bob"), new CaseQueueQuery(PageSize: 5));

        Assert.Equal(items.OrderBy(i => slots[i.CaseId], StringComparer.Ordinal).Select(i => i.CaseId), all.Items.Select(i => i.CaseId));
        Assert.Equal(5, all.Pages);
        Assert.Equal(
            items.Where(i => int.Parse(i.CaseId[2..]) % 3 == 0).OrderBy(i => slots[i.CaseId], StringComparer.Ordinal).Select(i => i.CaseId),
            bob.Items.Select(i => i.CaseId));
        Assert.Equal(2, bob.Pages);
        // Overdue running cases first, then the rest by deadline, paused cases last.
        Assert.True(all.Items[0].DueAt < all.Items[1].DueAt);
        Assert.True(all.Items[^1].Paused);
    }

    [Fact]
    public async Task Read_ExactlyFullLastPage_EndsWithAnEmptyPage()
    {
        var tenant = NewTenant();
        for (var i = 0; i < 4; i++)
        {
            await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AllLane, SortKey(Item(i)))], Item(i));
        }

        var first = await _store.ReadAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(PageSize: 4));
        var second = await _store.ReadAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(PageSize: 4, ContinuationToken: first.ContinuationToken));

        Assert.Equal(4, first.Items.Length);
        Assert.NotNull(first.ContinuationToken);
        Assert.Empty(second.Items);
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task Read_RareKindAmongManyRows_ReturnsFullPagesOfOnlyMatchingRows()
    {
        var tenant = NewTenant();
        // 400 rows, one complaint in 40: the matches are spread far apart through the lane.
        var items = Enumerable.Range(0, 400).Select(i => Item(i) with
        {
            Kind = i % 40 == 7 ? CaseKind.Complaint : CaseKind.Inquiry,
            Severity = i % 2 == 0 ? CaseSeverity.Major : CaseSeverity.Normal,
            Category = i % 80 == 7 ? "billing" : "delivery",
        }).ToList();
        await _store.PutLaneAsync(tenant, QueueSlot.AllLane, items.Select(i => (SortKey(i), i)).ToList());

        var complaints = await ReadAllAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(Kind: CaseKind.Complaint, PageSize: 4));
        var billingComplaints = await ReadAllAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(Kind: CaseKind.Complaint, Category: "billing", PageSize: 100));
        var majorComplaints = await ReadAllAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(Kind: CaseKind.Complaint, Severity: CaseSeverity.Major));

        var expected = items.Where(i => i.Kind == CaseKind.Complaint).OrderBy(SortKey, StringComparer.Ordinal).ToList();
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected.Select(i => i.CaseId), complaints.Items.Select(i => i.CaseId));
        Assert.Equal(3, complaints.Pages);
        Assert.Equal(expected.Where(i => i.Category == "billing").Select(i => i.CaseId), billingComplaints.Items.Select(i => i.CaseId));
        Assert.Equal(5, billingComplaints.Items.Count);
        Assert.Empty(majorComplaints.Items);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task Read_PageSizeOutOfRange_FailsNamingPageSize(int pageSize)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _store.ReadAsync(NewTenant(), QueueSlot.AllLane, new CaseQueueQuery(PageSize: pageSize)));

        Assert.Equal(["pageSize"], error.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%zz")]
    [InlineData("abc%4")]
    [InlineData("%41")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("x\u0001")]
    public async Task Read_MalformedToken_FailsNamingTheToken(string token)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _store.ReadAsync(NewTenant(), QueueSlot.AllLane, new CaseQueueQuery(ContinuationToken: token)));

        Assert.Equal(["continuationToken"], error.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Read_TokenWithQuotes_IsAValidKeyAndCannotInjectIntoTheFilter()
    {
        var tenant = NewTenant();
        await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AllLane, SortKey(Item(1)))], Item(1));

        var page = await _store.ReadAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery(ContinuationToken: "' or RowKey ne '"));

        // Quoted by the filter builder, the token is only a key to start after; every real key sorts after "'".
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task Read_TenantAndLaneNamesThatPrefixOthers_SeeOnlyTheirOwnRows()
    {
        var a = NewTenant();
        var ab = a + "b";
        await _store.PutAsync(a, [new QueueSlot(QueueSlot.AllLane, SortKey(Item(1))), new QueueSlot(QueueSlot.AssigneeLane("bob"), SortKey(Item(1)))], Item(1));
        await _store.PutAsync(ab, [new QueueSlot(QueueSlot.AllLane, SortKey(Item(2)))], Item(2));
        await _store.PutAsync(a, [new QueueSlot(QueueSlot.AssigneeLane("bobby"), SortKey(Item(3)))], Item(3));
        await _store.PutAsync(a, [new QueueSlot("a:bob|all", SortKey(Item(4)))], Item(4));

        Assert.Equal(["c-1"], (await _store.ReadAsync(a, QueueSlot.AllLane, new CaseQueueQuery())).Items.Select(i => i.CaseId));
        Assert.Equal(["c-2"], (await _store.ReadAsync(ab, QueueSlot.AllLane, new CaseQueueQuery())).Items.Select(i => i.CaseId));
        Assert.Equal(["c-1"], (await _store.ReadAsync(a, QueueSlot.AssigneeLane("bob"), new CaseQueueQuery())).Items.Select(i => i.CaseId));
        Assert.Empty((await _store.ReadAsync(ab, QueueSlot.AssigneeLane("bob"), new CaseQueueQuery())).Items);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ReadAsync(a + "|a:bob", QueueSlot.AllLane, new CaseQueueQuery()));
    }

    [Fact]
    public async Task Read_UsernameWithCharactersKeysForbid_HasItsOwnLane()
    {
        var tenant = NewTenant();
        await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AssigneeLane("ann/b#1?"), SortKey(Item(1)))], Item(1));
        await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AssigneeLane("ann_b_1_"), SortKey(Item(2)))], Item(2));

        Assert.Equal(["c-1"], (await _store.ReadAsync(tenant, QueueSlot.AssigneeLane("ann/b#1?"), new CaseQueueQuery())).Items.Select(i => i.CaseId));
        Assert.Equal(["c-2"], (await _store.ReadAsync(tenant, QueueSlot.AssigneeLane("ann_b_1_"), new CaseQueueQuery())).Items.Select(i => i.CaseId));
    }

    [Fact]
    public async Task Put_SameSlotAgain_ReplacesTheRow()
    {
        var tenant = NewTenant();
        var slot = new QueueSlot(QueueSlot.AllLane, SortKey(Item(1)));
        await _store.PutAsync(tenant, [slot], Item(1));

        await _store.PutAsync(tenant, [slot], Item(1) with { Assignee = null, Status = CaseStatus.InProgress });

        var page = await _store.ReadAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery());
        Assert.Equal(new[] { Item(1) with { Assignee = null, Status = CaseStatus.InProgress } }, page.Items.AsEnumerable());
    }

    [Fact]
    public async Task Remove_TwiceAndSlotsNeverWritten_IsFineAndLeavesOtherSlots()
    {
        var tenant = NewTenant();
        var all = new QueueSlot(QueueSlot.AllLane, SortKey(Item(1)));
        var esc = new QueueSlot(QueueSlot.EscalatedLane, SortKey(Item(1)));
        await _store.PutAsync(tenant, [all, esc], Item(1));
        await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AllLane, SortKey(Item(2)))], Item(2));

        await _store.RemoveAsync(tenant, [all, esc]);
        await _store.RemoveAsync(tenant, [all, esc, new QueueSlot(QueueSlot.AssigneeLane(null), "0x_never")]);

        Assert.Equal(["c-2"], (await _store.ReadAsync(tenant, QueueSlot.AllLane, new CaseQueueQuery())).Items.Select(i => i.CaseId));
        Assert.Empty((await _store.ReadAsync(tenant, QueueSlot.EscalatedLane, new CaseQueueQuery())).Items);
    }

    [Fact]
    public async Task Put_Subject_IsCiphertextInTheRawRowWhileFilteredFieldsStayPlain()
    {
        var tenant = NewTenant();
        var item = Item(1) with { Subject = "Refund for Jane Doe, card 4111" };
        await _store.PutAsync(tenant, [new QueueSlot(QueueSlot.AllLane, SortKey(item))], item);

        var row = await _service.GetTableClient(CrmTables.CaseQueue)
            .QueryAsync<TableEntity>(e => e.PartitionKey == tenant + "|all").FirstAsync();

        var subject = row.GetString("Subject");
        Assert.StartsWith(PersonalDataProtector.StringPrefix, subject);
        Assert.DoesNotContain("Jane", subject);
        Assert.Equal(item.Category, row.GetString("Category"));
        Assert.Equal((int)item.Kind, row.GetInt32("Kind"));
        Assert.Equal(SortKey(item), row.RowKey);
    }

    private async Task<(List<CaseQueueItem> Items, int Pages)> ReadAllAsync(string tenant, string lane, CaseQueueQuery query)
    {
        var items = new List<CaseQueueItem>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await _store.ReadAsync(tenant, lane, query with { ContinuationToken = token });
            Assert.True(page.Items.Length <= query.PageSize);
            items.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 500);

        return (items, pages);
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
