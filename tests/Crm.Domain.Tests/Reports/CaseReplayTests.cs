using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;

namespace Crm.Domain.Tests.Reports;

public sealed class CaseReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    private static DateTimeOffset M(int minutes) => T0.AddMinutes(minutes);

    private static IReadOnlyList<CaseFact> Replay(CaseSeverity severity, string category, params CaseHistoryItem[] history) =>
        CaseReplay.Facts("c1", CaseKind.Complaint, CaseChannel.Email, severity, category, Policy, history);

    [Fact]
    public void Facts_AnsweredAndResolved_MeasureBothTargets()
    {
        var facts = Replay(
            CaseSeverity.Normal,
            "billing",
            new(1, M(0), CaseEventType.Opened),
            new(2, M(0), CaseEventType.Assigned),
            new(3, M(30), CaseEventType.Replied),
            new(4, M(31), CaseEventType.StatusChanged, CaseStatus.InProgress),
            new(5, M(200), CaseEventType.StatusChanged, CaseStatus.Resolved),
            new(6, M(300), CaseEventType.StatusChanged, CaseStatus.Closed));

        Assert.Equal([1L, 2, 3, 4, 5, 6], facts.Select(f => f.Sequence));
        Assert.True(facts[0] is { EnteredStatus: CaseStatus.New, EnteredBacklog: true, Category: "billing", Kind: CaseKind.Complaint });
        Assert.Null(facts[1].EnteredStatus);
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(30), true, CaseSeverity.Normal), facts[2].FirstResponse);
        Assert.Null(facts[3].FirstResponse);
        Assert.Equal(CaseStatus.InProgress, facts[3].EnteredStatus);
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(200), true, CaseSeverity.Normal), facts[4].Resolution);
        Assert.True(facts[4].LeftBacklog);
        Assert.False(facts[5].LeftBacklog);
        Assert.Equal(CaseStatus.Closed, facts[5].EnteredStatus);
        Assert.Equal("c1/5", facts[4].Key);
    }

    [Fact]
    public void Facts_WaitingOnTheCustomer_PausesTheResolutionClock()
    {
        var facts = Replay(
            CaseSeverity.Normal,
            "other",
            new(1, M(0), CaseEventType.Opened),
            new(2, M(10), CaseEventType.StatusChanged, CaseStatus.WaitingOnCustomer),
            new(3, M(610), CaseEventType.CustomerMessage),
            new(4, M(610), CaseEventType.StatusChanged, CaseStatus.InProgress),
            new(5, M(700), CaseEventType.StatusChanged, CaseStatus.Resolved));

        // Asking the customer is the first response; ten hours of waiting do not count against resolution.
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(10), true, CaseSeverity.Normal), facts[1].FirstResponse);
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(100), true, CaseSeverity.Normal), facts[4].Resolution);
    }

    [Fact]
    public void Facts_Reopened_CountsAReopenAndASecondResolution()
    {
        var facts = Replay(
            CaseSeverity.Normal,
            "other",
            new(1, M(0), CaseEventType.Opened),
            new(2, M(300), CaseEventType.StatusChanged, CaseStatus.Resolved),
            new(3, M(400), CaseEventType.CustomerMessage),
            new(4, M(400), CaseEventType.StatusChanged, CaseStatus.Reopened),
            new(5, M(420), CaseEventType.StatusChanged, CaseStatus.Resolved));

        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(300), false, CaseSeverity.Normal), facts[1].Resolution);
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(300), false, CaseSeverity.Normal), facts[1].FirstResponse);
        Assert.True(facts[3] is { EnteredStatus: CaseStatus.Reopened, EnteredBacklog: true });
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(320), false, CaseSeverity.Normal), facts[4].Resolution);
        Assert.Null(facts[4].FirstResponse);
        var a = Facts.Fold(facts);
        Assert.Equal(2, a.BacklogIn);
        Assert.Equal(2, a.BacklogOut);
        Assert.Equal(1, a.Reopened);
    }

    [Fact]
    public void Facts_Retriaged_OpensWithTheOldDimensionsAndResolvesAgainstTheNewTarget()
    {
        var facts = Replay(
            CaseSeverity.Major,
            "delivery",
            new(1, M(0), CaseEventType.Opened),
            new(2, M(60), CaseEventType.DetailsChanged, Text: TriageText.Describe(CaseSeverity.Normal, CaseSeverity.Major, "billing", "delivery")),
            new(3, M(600), CaseEventType.StatusChanged, CaseStatus.Resolved));

        Assert.True(facts[0] is { Severity: CaseSeverity.Normal, Category: "billing" });
        Assert.True(facts[1] is { Severity: CaseSeverity.Major, Category: "delivery" });
        Assert.Equal(new CaseCompletion(TimeSpan.FromMinutes(600), true, CaseSeverity.Major), facts[2].Resolution);
    }

    [Fact]
    public void Facts_MergedAway_LeavesTheBacklog_AlertsKeepTheirTarget()
    {
        var facts = Replay(
            CaseSeverity.Normal,
            "other",
            new(1, M(0), CaseEventType.Opened),
            new(2, M(95), CaseEventType.SlaWarning, Target: SlaTarget.FirstResponse),
            new(3, M(125), CaseEventType.SlaBreached, Target: SlaTarget.FirstResponse),
            new(4, M(130), CaseEventType.PersonalDataErased),
            new(5, M(140), CaseEventType.MergedInto, CaseStatus.Closed));

        Assert.Equal([1L, 2, 3, 5], facts.Select(f => f.Sequence));
        Assert.Equal(SlaTarget.FirstResponse, facts[1].AlertTarget);
        Assert.Equal(SlaTarget.FirstResponse, facts[2].AlertTarget);
        Assert.True(facts[3] is { LeftBacklog: true, EnteredStatus: CaseStatus.Closed, Type: CaseEventType.MergedInto });
    }

    [Fact]
    public void Facts_WithoutAnOpening_SkipsWhatCameBefore()
    {
        var facts = Replay(CaseSeverity.Normal, "other", new CaseHistoryItem(2, M(1), CaseEventType.Replied), new CaseHistoryItem(3, M(1), CaseEventType.NoteAdded));
        Assert.Empty(facts);
    }

    [Fact]
    public void Of_AnEventThatChangesNothing_IsOnlyCounted()
    {
        var track = new CaseTrack(CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", CaseStatus.InProgress, false, new SlaTimeline(T0, CaseSeverity.Normal, 1));
        var fact = CaseFacts.Of(new CaseEventRef("c", 7, M(5), CaseEventType.NoteAdded), track, track, Policy);
        Assert.True(fact is { EnteredStatus: null, EnteredBacklog: false, LeftBacklog: false, AlertTarget: null, FirstResponse: null, Resolution: null });
    }

    [Fact]
    public void Of_AnAlertWithoutAnAlertType_HasNoTarget()
    {
        var track = new CaseTrack(CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", CaseStatus.New, false, new SlaTimeline(T0, CaseSeverity.Normal, 1));
        var fact = CaseFacts.Of(new CaseEventRef("c", 2, M(5), CaseEventType.Escalated, SlaTarget.Resolution), track, track, Policy);
        Assert.Null(fact.AlertTarget);
    }

    [Fact]
    public void CaseTrack_IsOpen_UntilResolvedClosedOrMerged()
    {
        var t = new CaseTrack(CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", CaseStatus.Reopened, false, new SlaTimeline(T0, CaseSeverity.Normal, 1));
        Assert.True(t.IsOpen);
        Assert.False((t with { Status = CaseStatus.Resolved }).IsOpen);
        Assert.False((t with { Status = CaseStatus.Closed }).IsOpen);
        Assert.False((t with { Merged = true }).IsOpen);
        Assert.True((t with { Status = CaseStatus.WaitingOnCustomer }).IsOpen);
    }

    [Theory]
    [InlineData(CaseSeverity.Normal, CaseSeverity.Major, "a", "a", "severity Normal → Major.")]
    [InlineData(CaseSeverity.Major, CaseSeverity.Major, "a", "b-2", "category a → b-2.")]
    [InlineData(CaseSeverity.Major, CaseSeverity.Normal, "x1", "other", "severity Major → Normal; category x1 → other.")]
    public void TriageText_DescribesAndReadsBack(CaseSeverity fs, CaseSeverity ts, string fc, string tc, string text)
    {
        Assert.Equal(text, TriageText.Describe(fs, ts, fc, tc));
        var change = TriageText.Read(text);
        Assert.Equal(fs == ts ? null : fs, change.FromSeverity);
        Assert.Equal(fs == ts ? null : ts, change.ToSeverity);
        Assert.Equal(fc == tc ? null : fc, change.FromCategory);
        Assert.Equal(fc == tc ? null : tc, change.ToCategory);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("severity Bad → Major.")]
    [InlineData("category → x.")]
    public void TriageText_Unreadable_ChangesNothing(string? text)
    {
        var change = TriageText.Read(text);
        Assert.Null(change.FromSeverity);
        Assert.Null(change.ToSeverity);
        Assert.Null(change.FromCategory);
        Assert.Null(change.ToCategory);
    }

    [Fact]
    public void AtOpening_UndoesEveryRetriage()
    {
        CaseHistoryItem[] history =
        [
            new(1, M(0), CaseEventType.Opened),
            new(2, M(1), CaseEventType.DetailsChanged, Text: "category a → b."),
            new(3, M(2), CaseEventType.DetailsChanged, Text: "severity Normal → Major; category b → c."),
            new(4, M(3), CaseEventType.DetailsChanged, Text: null),
        ];
        Assert.Equal((CaseSeverity.Normal, "a"), CaseReplay.AtOpening(CaseSeverity.Major, "c", history));
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        var track = new CaseTrack(CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", CaseStatus.New, false, new SlaTimeline(T0, CaseSeverity.Normal, 1));
        var e = new CaseEventRef("c", 1, T0, CaseEventType.Opened);
        Assert.Throws<ArgumentNullException>(() => CaseFacts.Of(null!, null, track, Policy));
        Assert.Throws<ArgumentNullException>(() => CaseFacts.Of(e, null, null!, Policy));
        Assert.Throws<ArgumentNullException>(() => CaseFacts.Of(e, null, track, null!));
        Assert.Throws<ArgumentNullException>(() => CaseReplay.Facts("c", CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", Policy, null!));
    }

    [Fact]
    public void Step_MergedInto_MarksTheTrackMerged()
    {
        var open = CaseReplay.Step(null, new(1, T0, CaseEventType.Opened), CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", 1);
        var merged = CaseReplay.Step(open, new(2, M(5), CaseEventType.MergedInto, CaseStatus.Closed), CaseKind.Inquiry, CaseChannel.Web, CaseSeverity.Normal, "other", 1);
        Assert.True(merged is { Merged: true, Status: CaseStatus.Closed });
    }

    [Fact]
    public void AtOpening_ARetriageAsTheFirstRow_IsUndoneToo()
    {
        // A history with a gap (its opening lost) still starts from what the first re-triage says it was before.
        CaseHistoryItem[] history = [new(5, M(1), CaseEventType.DetailsChanged, Text: "severity Major → Normal; category a → b.")];
        Assert.Equal((CaseSeverity.Major, "a"), CaseReplay.AtOpening(CaseSeverity.Normal, "b", history));
    }

    [Theory]
    [InlineData("category billing → returns.", null, null, "billing", "returns")]
    [InlineData("severity Major → Normal.", CaseSeverity.Major, CaseSeverity.Normal, null, null)]
    [InlineData("severity normal → Major; category Billing → x.", null, null, null, null)] // the ids are cased as written
    [InlineData("severity Normal → Huge; category -a → b.", null, null, null, null)]
    [InlineData("note: severity Normal → Major and category a-1 → b-2", CaseSeverity.Normal, CaseSeverity.Major, "a-1", "b-2")]
    public void TriageText_Read_EachPartOnItsOwn(string text, CaseSeverity? fromSeverity, CaseSeverity? toSeverity, string? fromCategory, string? toCategory)
    {
        Assert.Equal(new TriageChange(fromSeverity, toSeverity, fromCategory, toCategory), TriageText.Read(text));
    }

    [Fact]
    public void TriageText_Describe_NoChange_IsAFullStop() =>
        Assert.Equal(".", TriageText.Describe(CaseSeverity.Normal, CaseSeverity.Normal, "a", "a"));
}
