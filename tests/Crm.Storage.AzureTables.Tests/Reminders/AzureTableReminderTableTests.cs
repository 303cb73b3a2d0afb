using Azure.Data.Tables;
using Crm.Storage.AzureTables.Reminders;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;
using Orleans.Runtime;
using static Crm.Storage.AzureTables.Tests.Reminders.ReminderTableHarness;

namespace Crm.Storage.AzureTables.Tests.Reminders;

/// <summary>What our provider promises beyond Orleans' conformance cases: keys that never collide, exact ranges, isolation.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableReminderTableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task LookAlikeGrainsAndNames_EachReminderKeepsItsOwnRow()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        // Pairs that Orleans' provider (which maps '/' to '_' and joins with '-') or a naive join would merge.
        GrainId[] grains =
        [
            GrainId.Create("crmtest", "a/b"), GrainId.Create("crmtest", "a_b"), GrainId.Create("crmtest", "a%2Fb"),
            GrainId.Create("crmtest", "a|b"), GrainId.Create("crmtest", "a%7Cb"), GrainId.Create("crmtest", "a-b"),
            GrainId.Create("crmtest", "a"), GrainId.Create("crmtest/a", "b"), GrainId.Create("crmtest", "a\u0001b"),
        ];
        string[] names = ["x/y", "x_y", "x%2Fy", "x|y", "x-y", "b|x", "b-x", "x", "x\ty"];
        var reminders = grains.SelectMany(g => names.Select(n => (Grain: g, Name: n))).ToArray();
        var periods = reminders.Select((r, i) => (r, Period: TimeSpan.FromSeconds(60 + i))).ToDictionary(x => x.r, x => x.Period);

        await Task.WhenAll(reminders.Select(r => harness.Reminders.UpsertRow(NewReminder(r.Grain, r.Name, periods[r]))));

        Assert.Equal(reminders.Length, (await harness.Reminders.ReadRows(0, 0)).Reminders.Count);
        foreach (var r in reminders)
        {
            var read = await harness.Reminders.ReadRow(r.Grain, r.Name);
            Assert.NotNull(read);
            Assert.Equal((r.Grain, r.Name, periods[r]), (read.GrainId, read.ReminderName, read.Period));
        }

        foreach (var grain in grains)
        {
            var rows = (await harness.Reminders.ReadRows(grain)).Reminders;
            Assert.Equal(names.Order(StringComparer.Ordinal), rows.Select(x => x.ReminderName).Order(StringComparer.Ordinal));
            Assert.All(rows, x => Assert.Equal(grain, x.GrainId));
        }
    }

    [Fact]
    public async Task ReadRowsOfRange_ManyRandomGrains_EqualsFilterOverAllRows()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        var written = Enumerable.Range(0, 250).Select(i => NewReminder(NewGrainId(), i % 5 == 0 ? "a/b" : "sla")).ToList();
        // Some grains hold two reminders, so a range hit brings both.
        written.AddRange(written.Take(25).Select(r => NewReminder(r.GrainId, "second")));
        await Task.WhenAll(written.Select(r => harness.Reminders.UpsertRow(r)));
        var all = written.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
        var hashes = written.Select(r => r.GrainId.GetUniformHashCode()).Distinct().Order().ToArray();

        // Random bounds, and bounds on, just below and just above stored hashes and at both ends of the ring.
        var ranges = new List<(uint Begin, uint End)> { (0, 0), (0, uint.MaxValue), (uint.MaxValue, 0), (uint.MaxValue, uint.MaxValue), (1, 0) };
        foreach (var h in hashes.Take(20))
        {
            ranges.AddRange([(h, h), (h - 1, h), (h, h + 1), (h - 1, h - 1), (h, hashes[^1]), (hashes[^1], h)]);
        }

        for (var i = 0; i < 150; i++)
        {
            ranges.Add(((uint)Random.Shared.NextInt64(0, 1L << 32), (uint)Random.Shared.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in ranges)
        {
            var expected = all.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).ToHashSet();

            var returned = (await harness.Reminders.ReadRows(begin, end)).Reminders.Select(r => (r.GrainId, r.ReminderName)).ToList();

            Assert.Equal(returned.Count, returned.Distinct().Count());
            Assert.True(expected.SetEquals(returned), $"range ({begin:X8}, {end:X8}]: expected {expected.Count}, got {returned.Count}");
        }
    }

    [Fact]
    public async Task TwoServicesInOneTable_NeverSeeEachOthersReminders()
    {
        var table = GrainStorageHarness.FreshTableName();
        // Service ids that are prefixes of one another or differ only in separators and escapes.
        string[] serviceIds = ["crm", "crm_0", "crm|0", "crm/0", "crm%7C0", "cr", "crm|", "crm\u0001"];
        var harnesses = new List<ReminderTableHarness>();
        try
        {
            foreach (var serviceId in serviceIds)
            {
                harnesses.Add(await StartAsync(azurite.ConnectionString, table, serviceId));
            }

            var grain = NewGrainId();
            var etags = new List<string>();
            for (var i = 0; i < harnesses.Count; i++)
            {
                etags.Add((await harnesses[i].Reminders.UpsertRow(NewReminder(grain, "sla", TimeSpan.FromMinutes(i + 1))))!);
                await harnesses[i].Reminders.UpsertRow(NewReminder(NewGrainId(), "own-" + i));
            }

            for (var i = 0; i < harnesses.Count; i++)
            {
                var reminders = harnesses[i].Reminders;
                Assert.Equal(TimeSpan.FromMinutes(i + 1), (await reminders.ReadRow(grain, "sla"))!.Period);
                Assert.Equal(TimeSpan.FromMinutes(i + 1), Assert.Single((await reminders.ReadRows(grain)).Reminders).Period);
                Assert.Equal(["own-" + i, "sla"], (await reminders.ReadRows(0, 0)).Reminders.Select(r => r.ReminderName).Order());
                Assert.Equal(2, (await reminders.ReadRows(0, uint.MaxValue)).Reminders.Count);
            }

            // Another service's ETag removes nothing here; clearing one service leaves the others.
            Assert.False(await harnesses[0].Reminders.RemoveRow(grain, "sla", etags[1]));
            await harnesses[0].Reminders.TestOnlyClearTable();
            Assert.Empty((await harnesses[0].Reminders.ReadRows(0, 0)).Reminders);
            foreach (var other in harnesses.Skip(1))
            {
                Assert.Equal(2, (await other.Reminders.ReadRows(0, 0)).Reminders.Count);
            }
        }
        finally
        {
            foreach (var harness in harnesses)
            {
                await harness.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task GrainsSharingAHash_ShareAPartitionButNotTheirReminders()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        // Found by search: different keys, same 32-bit uniform hash, so their rows share a partition.
        var first = GrainId.Create("crmtest", "acme/c-8335");
        var second = GrainId.Create("crmtest", "acme/c-45213");
        Assert.Equal(first.GetUniformHashCode(), second.GetUniformHashCode());
        var firstETag = await harness.Reminders.UpsertRow(NewReminder(first, "sla", TimeSpan.FromMinutes(1)));
        await harness.Reminders.UpsertRow(NewReminder(second, "sla", TimeSpan.FromMinutes(2)));
        var hash = first.GetUniformHashCode();

        Assert.Equal(first, Assert.Single((await harness.Reminders.ReadRows(first)).Reminders).GrainId);
        Assert.Equal(second, Assert.Single((await harness.Reminders.ReadRows(second)).Reminders).GrainId);
        Assert.Equal(TimeSpan.FromMinutes(2), (await harness.Reminders.ReadRow(second, "sla"))!.Period);
        Assert.Equal(2, (await harness.Reminders.ReadRows(hash - 1, hash)).Reminders.Count);
        Assert.False(await harness.Reminders.RemoveRow(second, "sla", firstETag!));
        Assert.True(await harness.Reminders.RemoveRow(first, "sla", firstETag!));
        Assert.NotNull(await harness.Reminders.ReadRow(second, "sla"));
    }

    [Fact]
    public async Task UpsertRow_StartAtWithTicks_ReadBackExactly()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        var reminder = NewReminder(NewGrainId(), "sla", TimeSpan.FromTicks(123_456_789));
        reminder.StartAt = new DateTime(2026, 11, 24, 13, 14, 15, DateTimeKind.Utc).AddTicks(1_234_567);

        await harness.Reminders.UpsertRow(reminder);

        var read = await harness.Reminders.ReadRow(reminder.GrainId, "sla");
        Assert.Equal(reminder.StartAt.Ticks, read!.StartAt.Ticks);
        Assert.Equal(reminder.Period, read.Period);
    }

    [Fact]
    public async Task RemoveRow_NoETag_RemovesNothing()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        var reminder = NewReminder(NewGrainId(), "sla");
        await harness.Reminders.UpsertRow(reminder);

        Assert.False(await harness.Reminders.RemoveRow(reminder.GrainId, "sla", null!));
        Assert.False(await harness.Reminders.RemoveRow(reminder.GrainId, "sla", ""));

        Assert.NotNull(await harness.Reminders.ReadRow(reminder.GrainId, "sla"));
    }

    [Fact]
    public async Task ReadRows_MalformedRowsInRange_AreSkippedAndTheRestReturned()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        var good = NewReminder(NewGrainId(), "sla");
        await harness.Reminders.UpsertRow(good);
        var stray = NewReminder(NewGrainId(), "stray");
        var strayRow = ReminderRow.Create(harness.ServiceId, stray);
        // A row missing its values, and a row filed under another grain's keys.
        await harness.Table.AddEntityAsync(new TableEntity(ReminderKeys.PartitionKey(harness.ServiceId, good.GrainId), ReminderKeys.RowKey(good.GrainId, "broken")));
        await harness.Table.AddEntityAsync(new TableEntity(strayRow) { RowKey = ReminderKeys.RowKey(stray.GrainId, "elsewhere") });

        var all = (await harness.Reminders.ReadRows(0, 0)).Reminders;
        var ofGrain = (await harness.Reminders.ReadRows(good.GrainId)).Reminders;

        Assert.Equal(good.GrainId, Assert.Single(all).GrainId);
        Assert.Equal("sla", Assert.Single(ofGrain).ReminderName);
        Assert.Null(await harness.Reminders.ReadRow(good.GrainId, "broken"));
    }

    [Fact]
    public async Task UpsertRow_NameTooLongForAKey_ThrowsAndWritesNothing()
    {
        await using var harness = await StartAsync(azurite.ConnectionString);
        var grain = NewGrainId();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Reminders.UpsertRow(NewReminder(grain, new string('/', 400))));

        Assert.Empty((await harness.Reminders.ReadRows(grain)).Reminders);
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
