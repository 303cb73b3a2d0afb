using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class ReportAggregateTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    private static CaseFact Fact(CaseEventType type) =>
        new("c1", 1, T, type, CaseKind.Complaint, CaseChannel.Chat, CaseSeverity.Normal, "billing");

    [Property(MaxTest = 200)]
    public bool Merge_IsAssociative(ulong[] a, ulong[] b, ulong[] c)
    {
        var (x, y, z) = (Facts.Mixed(a), Facts.Mixed(b), Facts.Mixed(c));
        return x.Merge(y).Merge(z) == x.Merge(y.Merge(z));
    }

    [Property(MaxTest = 200)]
    public bool Merge_IsCommutative_WithEmptyAsIdentity(ulong[] a, ulong[] b)
    {
        var (x, y) = (Facts.Mixed(a), Facts.Mixed(b));
        return x.Merge(y) == y.Merge(x) && x.Merge(ReportAggregate.Empty) == x && ReportAggregate.Empty.Merge(x) == x;
    }

    [Property(MaxTest = 200)]
    public bool RollupOfDays_EqualsTheMonthComputedAtOnce(ulong[] seeds)
    {
        var facts = Facts.Many(seeds);
        var zone = ReportClock.Zone("Asia/Shanghai");
        var month = ReportPeriod.Containing(ReportPeriodKind.Month, new DateOnly(2026, 11, 15));
        var inMonth = facts.Where(f => month.Contains(ReportClock.DayOf(f.At, zone))).ToList();
        var days = month.Days.Select(d => Facts.Fold(inMonth.Where(f => ReportClock.DayOf(f.At, zone) == d)));
        return ReportAggregate.Combine(days) == Facts.Fold(inMonth);
    }

    [Property(MaxTest = 200)]
    public bool Fold_InAnyOrder_GivesTheSameAggregate(ulong[] seeds)
    {
        var facts = Facts.Many(seeds);
        return Facts.Fold(facts) == Facts.Fold(facts.Reverse()) &&
               Facts.Fold(facts) == Facts.Fold(facts.OrderBy(f => f.At).ThenBy(f => f.Sequence));
    }

    [Property(MaxTest = 200)]
    public bool Counts_AreConsistent(ulong[] seeds)
    {
        var facts = Facts.Many(seeds);
        var a = Facts.Fold(facts);
        return a.Facts == facts.Count &&
               a.Opened == facts.Count(f => f.Type == CaseEventType.Opened) &&
               a.OpenedByKind.Values.Sum() == a.Opened && a.OpenedByChannel.Values.Sum() == a.Opened &&
               a.OpenedByCategory.Values.Sum() == a.Opened && a.OpenedBySeverity.Values.Sum() == a.Opened &&
               a.FirstResponseTimes.Count == a.FirstResponseSla.Completed &&
               a.ResolutionTimes.Count + a.MajorResolutionTimes.Count == facts.Count(f => f.Resolution is not null) &&
               a.BacklogChange == facts.Count(f => f.EnteredBacklog) - facts.Count(f => f.LeftBacklog);
    }

    [Fact]
    public void Add_Opening_CountsItsDimensions()
    {
        var a = ReportAggregate.Empty.Add(Fact(CaseEventType.Opened) with { EnteredStatus = CaseStatus.New, EnteredBacklog = true });

        Assert.Equal(1, a.Opened);
        Assert.Equal(1, a.OpenedByKind[CaseKind.Complaint]);
        Assert.Equal(1, a.OpenedByChannel[CaseChannel.Chat]);
        Assert.Equal(1, a.OpenedBySeverity[CaseSeverity.Normal]);
        Assert.Equal(1, a.OpenedByCategory["billing"]);
        Assert.Equal(1, a.EnteredStatus[CaseStatus.New]);
        Assert.Equal(1, a.BacklogIn);
        Assert.Equal(0, a.BacklogOut);
        Assert.Equal(1, a.Facts);
    }

    [Fact]
    public void Add_OtherEvents_AreNotOpenings()
    {
        var a = ReportAggregate.Empty.Add(Fact(CaseEventType.Replied));
        Assert.Equal(0, a.Opened);
        Assert.Empty(a.OpenedByKind);
        Assert.Equal(1, a.Facts);
    }

    [Theory]
    [InlineData(CaseEventType.Escalated, 1, 0, 0)]
    [InlineData(CaseEventType.MergedInto, 0, 1, 0)]
    [InlineData(CaseEventType.DetailsChanged, 0, 0, 1)]
    [InlineData(CaseEventType.NoteAdded, 0, 0, 0)]
    public void Add_CountsEscalationsMergesAndRetriages(CaseEventType type, int escalated, int merged, int retriaged)
    {
        var a = ReportAggregate.Empty.Add(Fact(type));
        Assert.Equal(escalated, a.Escalated);
        Assert.Equal(merged, a.Merged);
        Assert.Equal(retriaged, a.Retriaged);
    }

    [Fact]
    public void Add_Reopening_CountsAReopenAndABacklogEntry()
    {
        var a = ReportAggregate.Empty.Add(Fact(CaseEventType.StatusChanged) with { EnteredStatus = CaseStatus.Reopened, EnteredBacklog = true });
        Assert.Equal(1, a.Reopened);
        Assert.Equal(1, a.EnteredStatus[CaseStatus.Reopened]);
        Assert.Equal(1, a.BacklogIn);
        var resolved = a.Add(Fact(CaseEventType.StatusChanged) with { EnteredStatus = CaseStatus.Resolved, LeftBacklog = true });
        Assert.Equal(1, resolved.Reopened);
        Assert.Equal(1, resolved.BacklogOut);
        Assert.Equal(0, resolved.BacklogChange);
    }

    [Fact]
    public void Add_Completions_GoToTheirTargetBySeverity()
    {
        var normal = new CaseCompletion(TimeSpan.FromMinutes(90), true, CaseSeverity.Normal);
        var major = new CaseCompletion(TimeSpan.FromHours(30), false, CaseSeverity.Major);
        var a = ReportAggregate.Empty
            .Add(Fact(CaseEventType.Replied) with { FirstResponse = normal })
            .Add(Fact(CaseEventType.StatusChanged) with { Resolution = normal })
            .Add(Fact(CaseEventType.StatusChanged) with { Severity = CaseSeverity.Major, Resolution = major });

        Assert.Equal(new SlaTally(Met: 1), a.Sla(ContractTarget.FirstResponse));
        Assert.Equal(new SlaTally(Met: 1), a.Sla(ContractTarget.Resolution));
        Assert.Equal(new SlaTally(Late: 1), a.Sla(ContractTarget.MajorResolution));
        Assert.Equal(1, a.Times(ContractTarget.FirstResponse).CountBelow(TimeSpan.FromHours(2)));
        Assert.Equal(1, a.Times(ContractTarget.Resolution).CountBelow(TimeSpan.FromHours(4)));
        Assert.Equal(0, a.Times(ContractTarget.MajorResolution).CountBelow(TimeSpan.FromHours(24)));
        Assert.Equal(1, a.Times(ContractTarget.MajorResolution).Count);
    }

    [Theory]
    [InlineData(CaseEventType.SlaWarning, SlaTarget.FirstResponse, CaseSeverity.Normal, ContractTarget.FirstResponse, 1, 0)]
    [InlineData(CaseEventType.SlaBreached, SlaTarget.FirstResponse, CaseSeverity.Major, ContractTarget.FirstResponse, 0, 1)]
    [InlineData(CaseEventType.SlaWarning, SlaTarget.Resolution, CaseSeverity.Normal, ContractTarget.Resolution, 1, 0)]
    [InlineData(CaseEventType.SlaBreached, SlaTarget.Resolution, CaseSeverity.Normal, ContractTarget.Resolution, 0, 1)]
    [InlineData(CaseEventType.SlaWarning, SlaTarget.Resolution, CaseSeverity.Major, ContractTarget.MajorResolution, 1, 0)]
    [InlineData(CaseEventType.SlaBreached, SlaTarget.Resolution, CaseSeverity.Major, ContractTarget.MajorResolution, 0, 1)]
    public void Add_Alerts_CountPerContractTarget(CaseEventType type, SlaTarget target, CaseSeverity severity, ContractTarget counted, int warned, int breached)
    {
        var a = ReportAggregate.Empty.Add(Fact(type) with { AlertTarget = target, Severity = severity });
        foreach (var t in Enum.GetValues<ContractTarget>())
        {
            var expected = t == counted ? new SlaTally(Warned: warned, Breached: breached) : SlaTally.Empty;
            Assert.Equal(expected, a.Sla(t));
        }
    }

    [Fact]
    public void Add_Survey_CountsAFactAndTheResponse()
    {
        var a = ReportAggregate.Empty.Add(Facts.Survey(12, 0));
        Assert.Equal(1, a.Facts);
        Assert.Equal(1, a.Surveys.Responses);
        Assert.Equal(0, a.Opened);
    }

    [Fact]
    public void Equals_SeesEveryField()
    {
        var baseline = Facts.Mixed([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        ReportAggregate[] changed =
        [
            baseline with { Facts = baseline.Facts + 1 },
            baseline with { Opened = baseline.Opened + 1 },
            baseline with { OpenedByKind = baseline.OpenedByKind.SetItem(CaseKind.Inquiry, 99) },
            baseline with { OpenedBySeverity = baseline.OpenedBySeverity.SetItem(CaseSeverity.Major, 99) },
            baseline with { OpenedByCategory = baseline.OpenedByCategory.SetItem("x", 1) },
            baseline with { OpenedByChannel = baseline.OpenedByChannel.SetItem(CaseChannel.App, 99) },
            baseline with { EnteredStatus = baseline.EnteredStatus.SetItem(CaseStatus.Closed, 99) },
            baseline with { BacklogIn = 99 },
            baseline with { BacklogOut = 99 },
            baseline with { Reopened = 99 },
            baseline with { Escalated = 99 },
            baseline with { Merged = 99 },
            baseline with { Retriaged = 99 },
            baseline with { FirstResponseTimes = baseline.FirstResponseTimes.Add(TimeSpan.FromDays(3)) },
            baseline with { ResolutionTimes = baseline.ResolutionTimes.Add(TimeSpan.FromDays(3)) },
            baseline with { MajorResolutionTimes = baseline.MajorResolutionTimes.Add(TimeSpan.FromDays(3)) },
            baseline with { FirstResponseSla = baseline.FirstResponseSla with { Met = 99 } },
            baseline with { ResolutionSla = baseline.ResolutionSla with { Late = 99 } },
            baseline with { MajorResolutionSla = baseline.MajorResolutionSla with { Breached = 99 } },
            baseline with { Surveys = baseline.Surveys with { Promoters = 99 } },
        ];
        Assert.Equal(baseline, Facts.Mixed([1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.Equal(baseline.GetHashCode(), Facts.Mixed([1, 2, 3, 4, 5, 6, 7, 8, 9]).GetHashCode());
        Assert.All(changed, c => Assert.NotEqual(baseline, c));
        Assert.All(changed, c => Assert.NotEmpty(AggregateDiff.Between(baseline, c)));
        Assert.False(baseline.Equals(null));
    }

    [Fact]
    public void AggregateDiff_NamesTheFieldAndBothValues()
    {
        var a = ReportAggregate.Empty.Add(Fact(CaseEventType.Opened));
        var diff = AggregateDiff.Between(a, ReportAggregate.Empty);
        Assert.Contains(diff, d => d is { Field: "Opened", Expected: "1", Actual: "0" });
        Assert.Contains(diff, d => d is { Field: "OpenedByCategory[billing]", Expected: "1", Actual: "0" });
        Assert.Contains(diff, d => d is { Field: "Facts" });
        Assert.Empty(AggregateDiff.Between(a, a));
        var times = AggregateDiff.Between(ReportAggregate.Empty with { FirstResponseTimes = LatencyHistogram.Empty.Add(TimeSpan.FromMinutes(1)) }, ReportAggregate.Empty);
        Assert.Equal("n=1, sum=60000 ms, max=00:01:00", Assert.Single(times).Expected);
    }
}

public sealed class SlaBreachTests
{
    private static readonly CaseFact Breach = new("c9", 4, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), Crm.Domain.Cases.CaseEventType.SlaBreached,
        Crm.Domain.Cases.CaseKind.Complaint, Crm.Domain.Cases.CaseChannel.Web, Crm.Domain.Cases.CaseSeverity.Major, "billing", AlertTarget: Crm.Domain.Sla.SlaTarget.Resolution);

    [Fact]
    public void From_AResolutionBreachOfAMajorFault_IsTheMajorTarget()
    {
        var b = SlaBreach.From(Breach)!;
        Assert.Equal(new SlaBreach("c9", 4, ContractTarget.MajorResolution, Breach.At, Crm.Domain.Cases.CaseSeverity.Major, "billing"), b);
        Assert.Equal(ContractTarget.Resolution, SlaBreach.From(Breach with { Severity = Crm.Domain.Cases.CaseSeverity.Normal })!.Target);
        Assert.Equal(ContractTarget.FirstResponse, SlaBreach.From(Breach with { AlertTarget = Crm.Domain.Sla.SlaTarget.FirstResponse })!.Target);
    }

    [Fact]
    public void From_AnythingButABreach_IsNull()
    {
        Assert.Null(SlaBreach.From(Breach with { Type = Crm.Domain.Cases.CaseEventType.SlaWarning }));
        Assert.Null(SlaBreach.From(Breach with { AlertTarget = null }));
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => ReportAggregate.Empty.Add((CaseFact)null!));
        Assert.Throws<ArgumentNullException>(() => ReportAggregate.Empty.Merge(null!));
        Assert.Throws<ArgumentNullException>(() => AggregateDiff.Between(null!, ReportAggregate.Empty));
        Assert.Throws<ArgumentNullException>(() => AggregateDiff.Between(ReportAggregate.Empty, null!));
        Assert.Throws<ArgumentNullException>(() => SlaBreach.From(null!));
    }
}
