using Azure.Data.Tables;
using Crm.Contracts.Reports;
using Crm.Storage.AzureTables.Stores;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>Heartbeats and traffic minutes in a real Azurite: merged per hour row, idempotent, read back by range.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableAvailabilityStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TableServiceClient _service = null!;

    public async Task InitializeAsync()
    {
        _service = new TableServiceClient(azurite.ConnectionString);
        await _service.CreateTableIfNotExistsAsync(CrmTables.Availability);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Heartbeats_OfTwoSilosAcrossMidnight_ReadBackAsUpMinutesOnce()
    {
        // Far from any other test's minutes: the table is shared within the Azurite.
        var start = new DateTimeOffset(2041, 3, 31, 23, 58, 0, TimeSpan.Zero);
        var store = new TableAvailabilityStore(_service);
        for (var i = 0; i < 4; i++)
        {
            await store.RecordHeartbeatAsync("silo-a", start.AddMinutes(i).AddSeconds(7));
        }

        await store.RecordHeartbeatAsync("silo-b", start.AddMinutes(1).AddSeconds(50));
        await store.RecordHeartbeatAsync("silo-a", start.AddMinutes(1)); // a repeat
        await store.RecordHeartbeatAsync("silo/b", start.AddMinutes(5)); // a key character, escaped

        var all = await store.ReadAsync(start, start.AddMinutes(10));
        Assert.Equal([start, start.AddMinutes(1), start.AddMinutes(2), start.AddMinutes(3), start.AddMinutes(5)], all.UpMinutes.Order());
        Assert.NotNull(all.FirstHeartbeat);

        // The range is half open, in any offset.
        var cut = await store.ReadAsync(start.AddMinutes(1).ToOffset(TimeSpan.FromHours(8)), start.AddMinutes(3));
        Assert.Equal([start.AddMinutes(1), start.AddMinutes(2)], cut.UpMinutes.Order());
    }

    [Fact]
    public async Task FirstHeartbeat_IsTheEarliestWrittenAndStays()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var probe = new TableAvailabilityStore(service);
        var before = await probe.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1));
        await probe.RecordHeartbeatAsync("silo-a", new DateTimeOffset(2042, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await new TableAvailabilityStore(service).RecordHeartbeatAsync("silo-a", new DateTimeOffset(2043, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var after = await probe.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1));
        Assert.NotNull(after.FirstHeartbeat);
        Assert.True(after.FirstHeartbeat < new DateTimeOffset(2043, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(before.FirstHeartbeat ?? after.FirstHeartbeat, after.FirstHeartbeat);
    }

    [Fact]
    public async Task Traffic_TotalsReplaceTheSameMinute_AndSumAcrossInstances()
    {
        var start = new DateTimeOffset(2041, 6, 1, 10, 59, 0, TimeSpan.Zero);
        var store = new TableAvailabilityStore(_service);
        await store.RecordTrafficAsync("fe-1", [new TrafficMinute(start, 10, 1)]);
        // The same minute again, its total grown, and the next minute in the next hour.
        await store.RecordTrafficAsync("fe-1", [new TrafficMinute(start, 12, 2), new TrafficMinute(start.AddMinutes(1), 5, 0)]);
        await store.RecordTrafficAsync("fe-2", [new TrafficMinute(start.AddMinutes(1), 3, 3), new TrafficMinute(start.AddMinutes(30), 100, 0)]);

        var read = await store.ReadAsync(start, start.AddMinutes(2));
        Assert.Equal(12 + 5 + 3, read.Requests);
        Assert.Equal(2 + 0 + 3, read.ServerErrors);
    }
}
