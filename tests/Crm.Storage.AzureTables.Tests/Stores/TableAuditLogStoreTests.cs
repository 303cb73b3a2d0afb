using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Domain.Audit;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>The audit log's table rows in a real Azurite: month partitions, newest-first paging, append-only.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableAuditLogStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 23, 59, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private TableServiceClient _service = null!;
    private TableAuditLogStore _store = null!;

    public async Task InitializeAsync()
    {
        _service = new TableServiceClient(azurite.ConnectionString);
        await _service.CreateTableIfNotExistsAsync(CrmTables.AuditLog);
        _store = new TableAuditLogStore(_service, _clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_EntriesAcrossMonthsAndAGap_PagesNewestFirstWithoutGapsOrRepeats()
    {
        var tenant = NewTenant();
        // December, January, (no February), March: the walk crosses a year and skips an empty month.
        var times = new[]
        {
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 31, 23, 59, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero),
        };
        var written = new List<AuditEntry>();
        foreach (var at in times)
        {
            var entry = Entry(tenant, at, "c-" + written.Count);
            await _store.AddAsync(entry);
            written.Add(entry);
        }

        _clock.Now = new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);
        var read = new List<AuditEntry>();
        string? token = null;
        var pages = 0;
        do
        {
            var after = token is null ? null : Parse(token, tenant);
            var page = await _store.ListAsync(tenant, after, 2);
            read.AddRange(page.Entries);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(written.Count, read.Select(e => e.Id).Distinct().Count());
        Assert.Equal(written.Select(e => e.At).OrderDescending(), read.Select(e => e.At));
        Assert.Equal(written.OrderBy(e => e.Id, StringComparer.Ordinal), read, AuditEntryComparer);
    }

    [Fact]
    public async Task ListForTarget_ReadsOnlyThatTargetAcrossMonths()
    {
        var tenant = NewTenant();
        var mine = new[]
        {
            Entry(tenant, new DateTimeOffset(2025, 11, 5, 0, 0, 0, TimeSpan.Zero), "c-1"),
            Entry(tenant, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "c-1"),
        };
        foreach (var entry in mine)
        {
            await _store.AddAsync(entry);
        }

        // Same id under another type, and an id that merely starts like it: neither belongs to Customer c-1.
        await _store.AddAsync(Entry(tenant, new DateTimeOffset(2025, 12, 5, 0, 0, 0, TimeSpan.Zero), "c-1") with { TargetType = AuditTargetType.Case });
        await _store.AddAsync(Entry(tenant, new DateTimeOffset(2025, 12, 6, 0, 0, 0, TimeSpan.Zero), "c-10"));

        var first = await _store.ListForTargetAsync(tenant, AuditTargetType.Customer, "c-1", null, 1);
        var second = await _store.ListForTargetAsync(tenant, AuditTargetType.Customer, "c-1", Parse(first.ContinuationToken!, tenant), 1);
        var third = await _store.ListForTargetAsync(tenant, AuditTargetType.Customer, "c-1", Parse(second.ContinuationToken!, tenant), 1);

        Assert.Equal(mine.Reverse(), first.Entries.Concat(second.Entries).Concat(third.Entries), AuditEntryComparer);
        Assert.Null(third.ContinuationToken);
    }

    [Fact]
    public async Task List_EmptyTenant_IsEmpty()
    {
        var page = await _store.ListAsync(NewTenant(), null, 10);

        Assert.Empty(page.Entries);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Add_ExistingId_IsRefusedAndTheStoredEntryIsUnchanged()
    {
        var tenant = NewTenant();
        var original = Entry(tenant, Start, "c-1");
        await _store.AddAsync(original);

        var forged = original with { Actor = "mallory", Action = AuditAction.Erase, Detail = "rewritten" };
        await Assert.ThrowsAsync<ConflictException>(() => _store.AddAsync(forged));

        var page = await _store.ListAsync(tenant, null, 10);
        Assert.Equal([original], page.Entries, AuditEntryComparer);
        var target = await _store.ListForTargetAsync(tenant, AuditTargetType.Customer, "c-1", null, 10);
        Assert.Equal([original], target.Entries, AuditEntryComparer);
    }

    [Fact]
    public async Task Table_AddOfAnExistingRowKey_FailsAtTheService()
    {
        // The store's guarantee rests on Add (not upsert) failing for an existing key: prove the service enforces it.
        var tenant = NewTenant();
        var entry = Entry(tenant, Start, "c-1");
        await _store.AddAsync(entry);
        var table = _service.GetTableClient(CrmTables.AuditLog);
        var row = await table.QueryAsync<TableEntity>(e => e.RowKey == entry.Id).FirstAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Actor"] = "x" }));

        Assert.Equal(409, error.Status);
    }

    private static AuditCursor Parse(string token, string tenant) =>
        AuditCursor.TryParse(token, tenant, out var cursor) ? cursor! : throw new InvalidOperationException($"Token '{token}' does not parse.");

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private static AuditEntry Entry(string tenant, DateTimeOffset at, string target) =>
        new(tenant, "agent-1", AuditAction.Read, AuditTargetType.Customer, target, "detail", at, AuditEntryId.New(at, (ulong)Random.Shared.NextInt64()));

    private static readonly IEqualityComparer<AuditEntry> AuditEntryComparer = EqualityComparer<AuditEntry>.Default;
}
