using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Storage.AzureTables.Protection;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Protection;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>Case history rows in a real Azurite: one partition per case, oldest first, text encrypted.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCaseHistoryStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private TableServiceClient _service = null!;
    private TableCaseHistoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _service = new TableServiceClient(azurite.ConnectionString);
        await _service.CreateTableIfNotExistsAsync(CrmTables.CaseHistory);
        _store = new TableCaseHistoryStore(_service, TestKeyRings.Protector());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Read_EventsWrittenOutOfOrder_ComeBackOldestFirstWithEveryField()
    {
        var tenant = NewTenant();
        var events = new[]
        {
            new CaseEvent(1, Start, CaseEventType.Opened, "customer", "My order never arrived / #42?"),
            new CaseEvent(2, Start.AddMinutes(5), CaseEventType.StatusChanged, "agent-1", "On it", CaseStatus.New, CaseStatus.InProgress),
            new CaseEvent(3, Start.AddMinutes(6), CaseEventType.Assigned, "lead", Assignee: "agent-1"),
            new CaseEvent(10, Start.AddHours(4), CaseEventType.SlaWarning, "system", Target: SlaTarget.Resolution),
            new CaseEvent(11, Start.AddHours(5), CaseEventType.Opened, "agent-1", RelatedCaseId: "case-9"),
        };
        foreach (var e in events.Reverse())
        {
            await _store.PutAsync(tenant, "case-1", e);
        }

        Assert.Equal(events, await _store.ReadAsync(tenant, "case-1", 0, 100));
        Assert.Equal(events[2..4], await _store.ReadAsync(tenant, "case-1", 3, 2));
        // Sequence 10 sorts after 3 only because of the fixed-width key; "10" < "3" as text.
        Assert.Equal(events[3..], await _store.ReadAsync(tenant, "case-1", 4, 10));
    }

    [Fact]
    public async Task Put_SameSequenceAgain_ReplacesTheEvent()
    {
        var tenant = NewTenant();
        await _store.PutAsync(tenant, "case-1", new CaseEvent(1, Start, CaseEventType.NoteAdded, "agent-1", "first try", From: CaseStatus.New));
        var retried = new CaseEvent(1, Start.AddSeconds(1), CaseEventType.NoteAdded, "agent-1", "second try");

        await _store.PutAsync(tenant, "case-1", retried);

        Assert.Equal([retried], await _store.ReadAsync(tenant, "case-1", 1, 10));
    }

    [Fact]
    public async Task Read_OtherCasesAndTenantsWithPrefixedKeys_AreNeverSeen()
    {
        var tenant = NewTenant();
        await _store.PutAsync(tenant, "c-1", new CaseEvent(1, Start, CaseEventType.Opened, "mine"));
        await _store.PutAsync(tenant, "c-10", new CaseEvent(1, Start, CaseEventType.Opened, "other case"));
        await _store.PutAsync(tenant + "b", "c-1", new CaseEvent(1, Start, CaseEventType.Opened, "other tenant"));

        var read = await _store.ReadAsync(tenant, "c-1", 0, 10);

        Assert.Equal(["mine"], read.Select(e => e.Actor));
        Assert.Empty(await _store.ReadAsync(tenant, "c-2", 0, 10));
    }

    [Fact]
    public async Task Put_TenantWithSeparator_IsRefusedSoPartitionsCannotCollide()
    {
        // "x|c" + "d" and "x" + "c|d" would otherwise both be "x|c|d".
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("x|c", "d", new CaseEvent(1, Start, CaseEventType.Opened, "a")));
    }

    [Fact]
    public async Task Put_Text_IsCiphertextInTheRawRow()
    {
        var tenant = NewTenant();
        await _store.PutAsync(tenant, "case-1", new CaseEvent(1, Start, CaseEventType.Replied, "agent-1", "Call me on 0612345678", Assignee: "agent-1"));

        var row = await _service.GetTableClient(CrmTables.CaseHistory)
            .QueryAsync<TableEntity>(e => e.PartitionKey == tenant + "|case-1").FirstAsync();

        var text = row.GetString("Text");
        Assert.StartsWith(PersonalDataProtector.StringPrefix, text);
        Assert.DoesNotContain("0612345678", text);
        Assert.Equal("agent-1", row.GetString("Actor"));
        Assert.Equal((int)CaseEventType.Replied, row.GetInt32("Type"));
        Assert.Equal("0000000000000000001", row.RowKey);
    }

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];
}
