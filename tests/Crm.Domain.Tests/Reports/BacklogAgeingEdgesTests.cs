using System.Collections.Immutable;
using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;

namespace Crm.Domain.Tests.Reports;

/// <summary>The ledger's edges that the mutation run found unguarded: a slot back at zero is gone, and null arguments are refused.</summary>
public sealed class BacklogAgeingEdgesTests
{
    private static readonly ImmutableSortedDictionary<long, long> Empty = ImmutableSortedDictionary<long, long>.Empty;

    [Fact]
    public void Count_AnEntryThenItsExit_LeavesNoSlotAtZero()
    {
        var opened = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        var facts = CaseReplay.Facts("a", CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", SlaPolicy.Default,
            [new CaseHistoryItem(1, opened, CaseEventType.Opened, null, null, null),
             new CaseHistoryItem(2, opened.AddHours(1), CaseEventType.StatusChanged, CaseStatus.Resolved, null, null)]);
        Assert.Contains(facts, f => f.EnteredBacklog);
        Assert.Contains(facts, f => f.LeftBacklog);

        var ledger = facts.Aggregate(Empty, BacklogAgeing.Count);

        Assert.Empty(ledger);
    }

    [Fact]
    public void Merge_ASlotThatSumsToZero_IsRemoved_WhicheverSideIsLarger()
    {
        var small = Empty.Add(7, -1);
        var large = Empty.Add(7, 1).Add(9, 2);

        Assert.Equal([new KeyValuePair<long, long>(9, 2)], BacklogAgeing.Merge(small, large));
        Assert.Equal([new KeyValuePair<long, long>(9, 2)], BacklogAgeing.Merge(large, small));
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        var fact = CaseReplay.Facts("a", CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", SlaPolicy.Default,
            [new CaseHistoryItem(1, DateTimeOffset.UnixEpoch, CaseEventType.Opened, null, null, null)])[0];
        Assert.Throws<ArgumentNullException>(() => BacklogAgeing.Count(null!, fact));
        Assert.Throws<ArgumentNullException>(() => BacklogAgeing.Count(Empty, null!));
        Assert.Throws<ArgumentNullException>(() => BacklogAgeing.Merge(null!, Empty));
        Assert.Throws<ArgumentNullException>(() => BacklogAgeing.Merge(Empty, null!));
        Assert.Throws<ArgumentNullException>(() => BacklogAgeing.At(DateTimeOffset.UnixEpoch, null!));
    }

    [Fact]
    public void Count_NullLedger_IsRefusedEvenForAFactThatMovesNothing()
    {
        var replied = CaseReplay.Facts("a", CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", SlaPolicy.Default,
            [new CaseHistoryItem(1, DateTimeOffset.UnixEpoch, CaseEventType.Opened, null, null, null),
             new CaseHistoryItem(2, DateTimeOffset.UnixEpoch.AddMinutes(5), CaseEventType.Replied, null, null, null)])[1];
        Assert.False(replied.EnteredBacklog || replied.LeftBacklog);

        Assert.Throws<ArgumentNullException>(() => BacklogAgeing.Count(null!, replied));
    }
}
