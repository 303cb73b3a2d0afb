using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;
using static Crm.Storage.AzureTables.Tests.Reminders.ReminderTableHarness;

namespace Crm.Storage.AzureTables.Tests.Reminders;

/// <summary>
/// The cases of Orleans' ReminderTableTestsBase, against a real Azurite. Not sealed: the conformance comparison
/// (tests/Crm.Storage.OrleansProviders.Tests) runs the same cases against Orleans' own reminder table.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class AzureTableReminderTableConformanceTests(AzuriteFixture azurite)
{
    protected string ConnectionString => azurite.ConnectionString;

    /// <summary>The reminder table under test, on a fresh table: ours.</summary>
    protected virtual Task<ReminderTableHarness> StartHarnessAsync(string? serviceId = null) =>
        StartAsync(azurite.ConnectionString, serviceId: serviceId);

    // Orleans' own service ids in these tests hold a '/', which Azure forbids in keys.
    private static string OrleansStyleServiceId() => Guid.NewGuid() + "/foo";

    [Fact]
    public async Task RemindersParallelUpsert_FiveWritersPerReminder_EveryUpsertGetsItsOwnETag()
    {
        await using var harness = await StartHarnessAsync(OrleansStyleServiceId());

        var upserts = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
        {
            var reminder = NewReminder(NewGrainId(), i.ToString());
            return Task.WhenAll(Enumerable.Range(0, 5).Select(_ => harness.Reminders.UpsertRow(reminder)));
        }));

        Assert.All(upserts, etags => Assert.Equal(5, etags.Distinct().Count()));
        Assert.All(upserts.SelectMany(e => e), Assert.NotNull);
        Assert.Equal(5, (await harness.Reminders.ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public async Task ReminderSimple_UpsertReadRemove_StaleETagAndWrongNameAndSecondRemoveRefused()
    {
        await using var harness = await StartHarnessAsync(OrleansStyleServiceId());
        var reminder = NewReminder(GrainId.Create("crmtest", "foo/bar\\#baz?"), "foo/bar\\#b_a_z?");
        var firstETag = await harness.Reminders.UpsertRow(reminder);

        var read = await harness.Reminders.ReadRow(reminder.GrainId, reminder.ReminderName);

        Assert.NotNull(read);
        Assert.Equal(firstETag, read.ETag);
        Assert.Equal(reminder.GrainId, read.GrainId);
        Assert.Equal(reminder.ReminderName, read.ReminderName);
        Assert.Equal(reminder.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(reminder.Period, read.Period);

        reminder.ETag = read.ETag;
        var staleETag = reminder.ETag;
        reminder.ETag = await harness.Reminders.UpsertRow(reminder);
        Assert.NotEqual(staleETag, reminder.ETag);

        Assert.False(await harness.Reminders.RemoveRow(reminder.GrainId, reminder.ReminderName, staleETag!), "the ETag is stale");
        Assert.False(await harness.Reminders.RemoveRow(reminder.GrainId, "bla", reminder.ETag!), "no reminder has that name");
        Assert.NotNull(await harness.Reminders.ReadRow(reminder.GrainId, reminder.ReminderName));
        Assert.True(await harness.Reminders.RemoveRow(reminder.GrainId, reminder.ReminderName, reminder.ETag!), "the ETag is current");
        Assert.False(await harness.Reminders.RemoveRow(reminder.GrainId, reminder.ReminderName, reminder.ETag!), "it is gone");
        Assert.Null(await harness.Reminders.ReadRow(reminder.GrainId, reminder.ReminderName));
    }

    [Fact]
    public async Task RemindersRange_RandomRangesIncludingWrapAround_ReturnExactlyTheHashesInRange()
    {
        const int Iterations = 300;
        await using var harness = await StartHarnessAsync(OrleansStyleServiceId());
        await Task.WhenAll(Enumerable.Range(1, Iterations).Select(i =>
            harness.Reminders.UpsertRow(NewReminder(NewGrainId(), i.ToString()))));

        Assert.Equal(Iterations, (await harness.Reminders.ReadRows(0, uint.MaxValue)).Reminders.Count);
        var all = (await harness.Reminders.ReadRows(0, 0)).Reminders;
        Assert.Equal(Iterations, all.Count);
        var hashes = all.Select(r => r.GrainId.GetUniformHashCode()).ToArray();

        await Task.WhenAll(Enumerable.Range(0, Iterations).Select(async _ =>
        {
            var begin = (uint)Random.Shared.Next(int.MinValue, int.MaxValue);
            var end = (uint)Random.Shared.Next(int.MinValue, int.MaxValue);
            var expected = begin < end
                ? hashes.Where(h => h > begin && h <= end)
                : hashes.Where(h => h > begin || h <= end);

            var returned = (await harness.Reminders.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode());

            Assert.True(new HashSet<uint>(returned).SetEquals(expected), $"range ({begin:X8}, {end:X8}]");
        }));
    }

    [Fact]
    public async Task ReminderTableCleanup_TestOnlyClearTable_RemovesEveryReminderOfTheService()
    {
        await using var harness = await StartHarnessAsync(OrleansStyleServiceId());
        var grain = NewGrainId();
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => harness.Reminders.UpsertRow(NewReminder(grain, "r" + i))));
        await harness.Reminders.UpsertRow(NewReminder(NewGrainId(), "other"));

        await harness.Reminders.TestOnlyClearTable();

        Assert.Empty((await harness.Reminders.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task ReadRowsOfGrain_SeveralGrains_ReturnsExactlyThatGrainsReminders()
    {
        await using var harness = await StartHarnessAsync();
        var grain = NewGrainId();
        var other = NewGrainId();
        await Task.WhenAll(
            harness.Reminders.UpsertRow(NewReminder(grain, "a")),
            harness.Reminders.UpsertRow(NewReminder(grain, "b")),
            harness.Reminders.UpsertRow(NewReminder(other, "a")));

        var rows = (await harness.Reminders.ReadRows(grain)).Reminders;

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
        Assert.All(rows, r => Assert.NotNull(r.ETag));
        Assert.Empty((await harness.Reminders.ReadRows(NewGrainId())).Reminders);
    }

    [Fact]
    public async Task UpsertRow_ExistingReminder_ReplacesPeriodAndStartAndETag()
    {
        await using var harness = await StartHarnessAsync();
        var reminder = NewReminder(NewGrainId(), "sla");
        var first = await harness.Reminders.UpsertRow(reminder);
        var changed = NewReminder(reminder.GrainId, "sla", TimeSpan.FromHours(4));
        changed.StartAt = reminder.StartAt.AddDays(1);

        var second = await harness.Reminders.UpsertRow(changed);

        var read = await harness.Reminders.ReadRow(reminder.GrainId, "sla");
        Assert.NotNull(read);
        Assert.NotEqual(first, second);
        Assert.Equal(second, read.ETag);
        Assert.Equal(TimeSpan.FromHours(4), read.Period);
        Assert.Equal(changed.StartAt, read.StartAt);
        Assert.Single((await harness.Reminders.ReadRows(reminder.GrainId)).Reminders);
    }
}
