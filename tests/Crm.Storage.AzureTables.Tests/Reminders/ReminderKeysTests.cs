using Crm.Storage.AzureTables.Reminders;
using FsCheck;
using FsCheck.Xunit;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.Reminders;

public sealed class ReminderKeysTests
{
    [Property]
    public bool PartitionKeys_SortAsTheirHashes(uint a, uint b) =>
        Math.Sign(string.CompareOrdinal(ReminderKeys.PartitionKey("svc", a), ReminderKeys.PartitionKey("svc", b))) == a.CompareTo(b);

    [Property]
    public bool RowKeys_DistinctReminders_DistinctKeys(NonNull<string> keyA, NonNull<string> nameA, NonNull<string> keyB, NonNull<string> nameB)
    {
        var a = Grain(keyA.Get);
        var b = Grain(keyB.Get);
        var same = a == b && nameA.Get == nameB.Get;
        return same == (ReminderKeys.RowKey(a, nameA.Get) == ReminderKeys.RowKey(b, nameB.Get));
    }

    [Property]
    public bool RowKey_LiesInItsGrainsRangeAndNoOtherGrains(NonNull<string> keyA, NonNull<string> keyB, NonNull<string> name)
    {
        var a = Grain(keyA.Get);
        var b = Grain(keyB.Get);
        var rowKey = ReminderKeys.RowKey(a, name.Get);
        return In(rowKey, ReminderKeys.GrainRowKeyRange(a)) && (a == b) == In(rowKey, ReminderKeys.GrainRowKeyRange(b));
    }

    [Fact]
    public void RowKeys_EveryShortKeyAndNameOverSeparatorsAndEscapes_DistinctAndInOwnGrainRangeOnly()
    {
        // Exhaustive where random strings rarely go: separators, escape characters and their escaped forms.
        var words = Words("a|%7C/", 3).ToArray();
        var grains = words.Select(Grain).ToArray();
        var ranges = grains.Select(ReminderKeys.GrainRowKeyRange).ToArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);

        for (var g = 0; g < grains.Length; g++)
        {
            foreach (var name in words)
            {
                var rowKey = ReminderKeys.RowKey(grains[g], name);
                Assert.True(keys.Add(rowKey), $"collision on {rowKey}");
                Assert.Equal([g], Enumerable.Range(0, ranges.Length).Where(r => In(rowKey, ranges[r])));
            }
        }
    }

    [Fact]
    public void Keys_ForbiddenCharacters_EscapedAndReversible()
    {
        var grain = GrainId.Create("crmtest", "t/1|x#?\\%");

        var rowKey = ReminderKeys.RowKey(grain, "sla/first|x");
        var partitionKey = ReminderKeys.PartitionKey("svc/1|a", 0xABCDEF01);

        Assert.DoesNotContain(rowKey, c => c is '/' or '\\' or '#' or '?');
        Assert.Equal(["crmtest", "t/1|x#?\\%", "sla/first|x"], ReminderKeys.Split(rowKey));
        Assert.Equal(["svc/1|a", "ABCDEF01"], ReminderKeys.Split(partitionKey));
    }

    // Orleans refuses empty or blank grain keys.
    private static GrainId Grain(string key) => GrainId.Create("crmtest", "k" + key);

    private static IEnumerable<string> Words(string alphabet, int maxLength)
    {
        IEnumerable<string> level = [string.Empty];
        for (var length = 1; length <= maxLength; length++)
        {
            level = level.SelectMany(w => alphabet.Select(c => w + c)).ToArray();
            foreach (var word in level)
            {
                yield return word;
            }
        }
    }

    private static bool In(string key, (string Lower, string Upper) range) =>
        string.CompareOrdinal(key, range.Lower) >= 0 && string.CompareOrdinal(key, range.Upper) < 0;
}
