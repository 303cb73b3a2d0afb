using Azure.Data.Tables;
using Crm.Contracts.Audit;
using Crm.Domain.Audit;
using Crm.Grains.Audit;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>The audit log's group commit over the real table store in Azurite: shared batch writes, each caller waiting for its own row.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuditGroupCommitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TableAuditLogStore _store = null!;

    public async Task InitializeAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        await service.CreateTableIfNotExistsAsync(CrmTables.AuditLog);
        _store = new TableAuditLogStore(service, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AddAsync_ConcurrentRecordsOfATenant_AllDurable_InFewerBatchWrites()
    {
        const int n = 200;
        var tenant = NewTenant();
        var counting = new CountingStore(_store);
        var commits = new AuditGroupCommit(counting);
        var entries = Enumerable.Range(0, n).Select(i => Entry(tenant, "c-" + i)).ToList();

        // Every caller's task completes only once its row is in the table: read them all back right after.
        await Task.WhenAll(entries.Select(e => Task.Run(() => commits.AddAsync(e))));
        var page = await _store.ListAsync(tenant, null, n);

        Assert.Equal(entries.Select(e => e.Id).Order(), page.Entries.Select(e => e.Id).Order());
        // At least ceil(n / 50) transactions; one per record would be n. Arrivals spread over a loaded machine still group.
        Assert.InRange(counting.Batches, (n + AuditGroupCommit.MaxEntriesPerBatch - 1) / AuditGroupCommit.MaxEntriesPerBatch, n / 10);
        Assert.All(counting.Sizes, size => Assert.InRange(size, 1, AuditGroupCommit.MaxEntriesPerBatch));
        Assert.Equal(n, counting.Sizes.Sum());
    }

    [Fact]
    public async Task AddAsync_AFailedFlush_FailsEveryRequestWaitingOnIt_AndTheNextRecordsAreWrittenAgain()
    {
        var tenant = NewTenant();
        var failing = new CountingStore(_store) { FailNext = true };
        var commits = new AuditGroupCommit(failing);
        var entries = Enumerable.Range(0, 20).Select(i => Entry(tenant, "c-" + i)).ToList();

        var outcomes = await Task.WhenAll(entries.Select(e => Task.Run(async () =>
        {
            try
            {
                await commits.AddAsync(e);
                return (e.Id, Durable: true);
            }
            catch (InvalidOperationException)
            {
                return (e.Id, Durable: false);
            }
        })));
        var stored = (await _store.ListAsync(tenant, null, 100)).Entries.Select(e => e.Id).ToHashSet();

        // Whoever was told "durable" is in the table, whoever was not is not, and the first batch failed as a whole.
        Assert.Contains(outcomes, o => !o.Durable);
        Assert.All(outcomes, o => Assert.Equal(o.Durable, stored.Contains(o.Id)));
        Assert.Equal(failing.Sizes[0], outcomes.Count(o => !o.Durable));

        var later = Entry(tenant, "after");
        await commits.AddAsync(later);
        Assert.Contains(later.Id, (await _store.ListAsync(tenant, null, 100)).Entries.Select(e => e.Id));
    }

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private static AuditEntry Entry(string tenant, string target)
    {
        var at = DateTimeOffset.UtcNow;
        return new(tenant, "agent-1", AuditAction.Read, AuditTargetType.Customer, target, null, at, AuditEntryId.New(at, (ulong)Random.Shared.NextInt64()));
    }

    /// <summary>The real store, counting its batch writes; the first may be made to fail before it reaches the table.</summary>
    private sealed class CountingStore(IAuditLogStore inner) : IAuditLogStore
    {
        private readonly Lock _gate = new();

        public List<int> Sizes { get; } = [];

        public int Batches => Sizes.Count;

        public bool FailNext { get; set; }

        public Task AddAsync(AuditEntry entry, CancellationToken cancellationToken = default) => AddBatchAsync([entry], cancellationToken);

        public async Task AddBatchAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
        {
            bool fail;
            lock (_gate)
            {
                Sizes.Add(entries.Count);
                fail = FailNext;
                FailNext = false;
            }

            // Slow enough that the other callers arrive while the first write is in flight, as under load.
            await Task.Delay(20, cancellationToken);
            if (fail)
            {
                throw new InvalidOperationException("The storage refused the batch.");
            }

            await inner.AddBatchAsync(entries, cancellationToken);
        }

        public Task<AuditPage> ListAsync(string tenantId, AuditCursor? after, int pageSize, CancellationToken cancellationToken = default) =>
            inner.ListAsync(tenantId, after, pageSize, cancellationToken);

        public Task<AuditPage> ListForTargetAsync(
            string tenantId, AuditTargetType targetType, string targetId, AuditCursor? after, int pageSize, CancellationToken cancellationToken = default) =>
            inner.ListForTargetAsync(tenantId, targetType, targetId, after, pageSize, cancellationToken);
    }
}
