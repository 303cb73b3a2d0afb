using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class BacklogAgeingTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    [Theory]
    [InlineData(1, BacklogAgeBand.UpTo2Hours)]
    [InlineData(120, BacklogAgeBand.UpTo2Hours)]
    [InlineData(121, BacklogAgeBand.UpTo4Hours)]
    [InlineData(240, BacklogAgeBand.UpTo4Hours)]
    [InlineData(241, BacklogAgeBand.UpTo24Hours)]
    [InlineData(1440, BacklogAgeBand.UpTo24Hours)]
    [InlineData(1441, BacklogAgeBand.UpTo3Days)]
    [InlineData(4320, BacklogAgeBand.UpTo3Days)]
    [InlineData(4321, BacklogAgeBand.Over3Days)]
    public void BandOf_IncludesEachUpperEdge(int minutes, BacklogAgeBand expected)
    {
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(expected, BacklogAgeing.BandOf(at.AddMinutes(-minutes), at));
    }

    [Fact]
    public void AReopenedCase_KeepsItsAgeFromTheOpening_AndAResolvedOneLeaves()
    {
        var zone = ReportClock.Zone("Asia/Shanghai");
        var end = ReportPeriod.Parse("2026-11").EndsAt(zone);
        var facts = new List<CaseFact>();
        facts.AddRange(Replay("a", (end.AddHours(-80), CaseEventType.Opened, null), (end.AddHours(-70), CaseEventType.StatusChanged, CaseStatus.Resolved), (end.AddHours(-1), CaseEventType.StatusChanged, CaseStatus.Reopened)));
        facts.AddRange(Replay("b", (end.AddHours(-3), CaseEventType.Opened, null), (end.AddMinutes(-1), CaseEventType.StatusChanged, CaseStatus.Resolved)));
        facts.AddRange(Replay("c", (end.AddHours(-2), CaseEventType.Opened, null)));
        var bands = BacklogAgeing.At(end, Ledger(facts, end, zone));
        Assert.Equal(1, bands[BacklogAgeBand.Over3Days]);
        Assert.Equal(1, bands[BacklogAgeBand.UpTo2Hours]);
        Assert.Equal(2, bands.Values.Sum());
    }

    [Fact]
    public void FactsThatNeitherEnterNorLeave_CarryNoOpening()
    {
        var facts = Replay("a", (Facts.MonthStart, CaseEventType.Opened, null), (Facts.MonthStart.AddMinutes(5), CaseEventType.Replied, null));
        Assert.Equal(Facts.MonthStart, facts[0].OpenedAt);
        Assert.Null(facts[1].OpenedAt);
    }

    /// <summary>
    /// Random cases opened in the five days before a period's end, some resolved, some reopened, some resolved and
    /// closed: the ledger of the days before the end, rolled up, gives exactly the count of cases open at the end in
    /// each band, counted case by case. In zones a quarter hour off (Kathmandu), with a DST change inside the five days
    /// (New York, March), and across a year's end (Chatham).
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Ledger_GivesTheOpenCasesAtThePeriodsEnd_ByAgeBand(ulong[] seeds, byte zoneChoice)
    {
        (string Zone, string Period)[] cases = [("Asia/Kathmandu", "2026-11"), ("America/New_York", "2026-W10"), ("Pacific/Chatham", "2026-12"), ("UTC", "2026-11-15")];
        var (zoneId, period) = cases[zoneChoice % cases.Length];
        var zone = ReportClock.Zone(zoneId);
        var end = ReportPeriod.Parse(period).EndsAt(zone);
        var facts = new List<CaseFact>();
        var expected = BacklogAgeing.Bands.ToDictionary(b => b, _ => 0L);
        int[] edges = [120, 240, 1440, 4320];
        for (var i = 0; i < (seeds ?? []).Length; i++)
        {
            var s = seeds![i];
            int Next(int n)
            {
                var r = (int)(s % (ulong)n);
                s = (s / (ulong)n) ^ (s * 0x9E3779B97F4A7C15UL) ^ 0x5bd1e995UL;
                return r;
            }

            // Often exactly on a band's edge, to prove the edges; otherwise any minute in the five days before the end.
            var age = Next(3) == 0 ? edges[Next(edges.Length)] + Next(3) - 1 : 1 + Next(5 * 1440);
            var opened = end.AddMinutes(-age);
            var steps = new List<(DateTimeOffset, CaseEventType, CaseStatus?)> { (opened, CaseEventType.Opened, null) };
            var open = true;
            var t = opened;
            for (var k = Next(4); k > 0; k--)
            {
                // Later steps may land after the end: they must not count.
                t = t.AddMinutes(1 + Next(3000));
                var to = open ? (Next(3) == 0 ? CaseStatus.Closed : CaseStatus.Resolved) : CaseStatus.Reopened;
                steps.Add((t, CaseEventType.StatusChanged, to));
                if (t < end)
                {
                    open = to == CaseStatus.Reopened;
                }

                if (to == CaseStatus.Closed)
                {
                    break;
                }
            }

            facts.AddRange(Replay("c" + i, [.. steps]));
            if (open)
            {
                expected[BacklogAgeing.BandOf(opened, end)]++;
            }
        }

        var actual = BacklogAgeing.At(end, Ledger(facts, end, zone));
        return BacklogAgeing.Bands.All(b => actual[b] == expected[b]);
    }

    [Fact]
    public void Merge_DropsSlotsThatCancel()
    {
        var opened = Facts.MonthStart;
        var facts = Replay("a", (opened, CaseEventType.Opened, null), (opened.AddHours(1), CaseEventType.StatusChanged, CaseStatus.Resolved));
        var inDay = ReportAggregate.Empty.Add(facts[0]);
        var outDay = ReportAggregate.Empty.Add(facts[1]);
        Assert.Equal(1, inDay.BacklogByOpening[BacklogAgeing.Slot(opened)]);
        Assert.Equal(-1, outDay.BacklogByOpening[BacklogAgeing.Slot(opened)]);
        Assert.Empty(inDay.Merge(outDay).BacklogByOpening);
    }

    /// <summary>What the report sums: the day aggregates (local days) before the end's day, merged.</summary>
    private static System.Collections.Immutable.ImmutableSortedDictionary<long, long> Ledger(IEnumerable<CaseFact> facts, DateTimeOffset end, TimeZoneInfo zone)
    {
        var last = ReportClock.DayOf(end, zone);
        var days = facts.Where(f => ReportClock.DayOf(f.At, zone) < last)
            .GroupBy(f => ReportClock.DayOf(f.At, zone))
            .Select(g => Facts.Fold(g));
        return ReportAggregate.Combine(days).BacklogByOpening;
    }

    private static IReadOnlyList<CaseFact> Replay(string caseId, params (DateTimeOffset At, CaseEventType Type, CaseStatus? To)[] steps) =>
        CaseReplay.Facts(caseId, CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "other", Policy,
            [.. steps.Select((s, i) => new CaseHistoryItem(i + 1, s.At, s.Type, s.To, null, null))]);
}
