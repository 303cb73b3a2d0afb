using System.Collections.Immutable;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>
/// What happened in one tenant in one period, counted as events happen. Every field is a sum (or a max) of what
/// single facts contribute, so <see cref="Merge"/> is associative and commutative with <see cref="Empty"/> as its
/// identity, and a period's aggregate is the merge of its days' aggregates whatever order they come in.
/// </summary>
/// <remarks>
/// Each fact counts on the local day of its event: a case opened on Monday and resolved on Tuesday is an opening on
/// Monday and a resolution on Tuesday. Opening counts use the dimensions the case opened with.
/// </remarks>
public sealed record ReportAggregate
{
    public static ReportAggregate Empty { get; } = new();

    /// <summary>Facts counted (case events and survey responses), for reconciliation.</summary>
    public long Facts { get; init; }

    public long Opened { get; init; }
    public ImmutableSortedDictionary<CaseKind, long> OpenedByKind { get; init; } = ImmutableSortedDictionary<CaseKind, long>.Empty;
    public ImmutableSortedDictionary<CaseSeverity, long> OpenedBySeverity { get; init; } = ImmutableSortedDictionary<CaseSeverity, long>.Empty;
    public ImmutableSortedDictionary<string, long> OpenedByCategory { get; init; } = ImmutableSortedDictionary<string, long>.Empty;
    public ImmutableSortedDictionary<CaseChannel, long> OpenedByChannel { get; init; } = ImmutableSortedDictionary<CaseChannel, long>.Empty;

    /// <summary>How many times cases entered each status (an opening enters New).</summary>
    public ImmutableSortedDictionary<CaseStatus, long> EnteredStatus { get; init; } = ImmutableSortedDictionary<CaseStatus, long>.Empty;

    /// <summary>Cases that became open (opened or reopened).</summary>
    public long BacklogIn { get; init; }

    /// <summary>Cases that stopped being open (resolved, closed, merged).</summary>
    public long BacklogOut { get; init; }

    public long Reopened { get; init; }

    /// <summary>
    /// The backlog's ledger: +1 when a case entered the backlog, -1 when it left, keyed by the quarter hour (UTC) the
    /// case was opened in (<see cref="BacklogAgeing.Slot"/>). Summed over every day before an instant, it holds the
    /// cases open at that instant by when they were opened; zero entries are dropped.
    /// </summary>
    public ImmutableSortedDictionary<long, long> BacklogByOpening { get; init; } = ImmutableSortedDictionary<long, long>.Empty;

    /// <summary>Escalations by people; breaches are counted per target.</summary>
    public long Escalated { get; init; }

    public long Merged { get; init; }

    /// <summary>Re-triages (severity or category changed).</summary>
    public long Retriaged { get; init; }

    public LatencyHistogram FirstResponseTimes { get; init; } = LatencyHistogram.Empty;
    public LatencyHistogram ResolutionTimes { get; init; } = LatencyHistogram.Empty;
    public LatencyHistogram MajorResolutionTimes { get; init; } = LatencyHistogram.Empty;

    public SlaTally FirstResponseSla { get; init; } = SlaTally.Empty;
    public SlaTally ResolutionSla { get; init; } = SlaTally.Empty;
    public SlaTally MajorResolutionSla { get; init; } = SlaTally.Empty;

    /// <summary>Survey responses; filled once the surveys work sends them.</summary>
    public SurveyTally Surveys { get; init; } = SurveyTally.Empty;

    /// <summary>Net change of the backlog over the period.</summary>
    public long BacklogChange => BacklogIn - BacklogOut;

    public LatencyHistogram Times(ContractTarget target) => target switch
    {
        ContractTarget.FirstResponse => FirstResponseTimes,
        ContractTarget.Resolution => ResolutionTimes,
        _ => MajorResolutionTimes,
    };

    public SlaTally Sla(ContractTarget target) => target switch
    {
        ContractTarget.FirstResponse => FirstResponseSla,
        ContractTarget.Resolution => ResolutionSla,
        _ => MajorResolutionSla,
    };

    public bool Equals(ReportAggregate? other) =>
        other is not null && Facts == other.Facts && Opened == other.Opened &&
        Tallies.SameEntries(OpenedByKind, other.OpenedByKind) && Tallies.SameEntries(OpenedBySeverity, other.OpenedBySeverity) &&
        Tallies.SameEntries(OpenedByCategory, other.OpenedByCategory) && Tallies.SameEntries(OpenedByChannel, other.OpenedByChannel) &&
        Tallies.SameEntries(EnteredStatus, other.EnteredStatus) && Tallies.SameEntries(BacklogByOpening, other.BacklogByOpening) &&
        BacklogIn == other.BacklogIn && BacklogOut == other.BacklogOut &&
        Reopened == other.Reopened && Escalated == other.Escalated && Merged == other.Merged && Retriaged == other.Retriaged &&
        FirstResponseTimes == other.FirstResponseTimes && ResolutionTimes == other.ResolutionTimes &&
        MajorResolutionTimes == other.MajorResolutionTimes && FirstResponseSla == other.FirstResponseSla &&
        ResolutionSla == other.ResolutionSla && MajorResolutionSla == other.MajorResolutionSla && Surveys == other.Surveys;

    public override int GetHashCode() => HashCode.Combine(Facts, Opened, BacklogIn, BacklogOut, Surveys.Responses);

    public ReportAggregate Add(CaseFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var next = this with { Facts = Facts + 1 };
        if (fact.Type == CaseEventType.Opened)
        {
            next = next with
            {
                Opened = next.Opened + 1,
                OpenedByKind = Tallies.Increment(next.OpenedByKind, fact.Kind),
                OpenedBySeverity = Tallies.Increment(next.OpenedBySeverity, fact.Severity),
                OpenedByCategory = Tallies.Increment(next.OpenedByCategory, fact.Category),
                OpenedByChannel = Tallies.Increment(next.OpenedByChannel, fact.Channel),
            };
        }

        if (fact.EnteredStatus is { } status)
        {
            next = next with
            {
                EnteredStatus = Tallies.Increment(next.EnteredStatus, status),
                Reopened = next.Reopened + (status == CaseStatus.Reopened ? 1 : 0),
            };
        }

        next = next with
        {
            BacklogIn = next.BacklogIn + (fact.EnteredBacklog ? 1 : 0),
            BacklogOut = next.BacklogOut + (fact.LeftBacklog ? 1 : 0),
            BacklogByOpening = BacklogAgeing.Count(next.BacklogByOpening, fact),
            Escalated = next.Escalated + (fact.Type == CaseEventType.Escalated ? 1 : 0),
            Merged = next.Merged + (fact.Type == CaseEventType.MergedInto ? 1 : 0),
            Retriaged = next.Retriaged + (fact.Type == CaseEventType.DetailsChanged ? 1 : 0),
        };

        if (fact.FirstResponse is { } response)
        {
            next = next with
            {
                FirstResponseTimes = next.FirstResponseTimes.Add(response.WorkingTime),
                FirstResponseSla = Complete(next.FirstResponseSla, response.Met),
            };
        }

        if (fact.Resolution is { } resolution)
        {
            next = resolution.Severity == CaseSeverity.Major
                ? next with
                {
                    MajorResolutionTimes = next.MajorResolutionTimes.Add(resolution.WorkingTime),
                    MajorResolutionSla = Complete(next.MajorResolutionSla, resolution.Met),
                }
                : next with
                {
                    ResolutionTimes = next.ResolutionTimes.Add(resolution.WorkingTime),
                    ResolutionSla = Complete(next.ResolutionSla, resolution.Met),
                };
        }

        if (fact.AlertTarget is { } target)
        {
            var breached = fact.Type == CaseEventType.SlaBreached;
            next = target == SlaTarget.FirstResponse
                ? next with { FirstResponseSla = Alert(next.FirstResponseSla, breached) }
                : fact.Severity == CaseSeverity.Major
                    ? next with { MajorResolutionSla = Alert(next.MajorResolutionSla, breached) }
                    : next with { ResolutionSla = Alert(next.ResolutionSla, breached) };
        }

        return next;
    }

    public ReportAggregate Add(SurveyFact fact) => this with { Facts = Facts + 1, Surveys = Surveys.Add(fact) };

    public ReportAggregate Merge(ReportAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ReportAggregate
        {
            Facts = Facts + other.Facts,
            Opened = Opened + other.Opened,
            OpenedByKind = Tallies.Merge(OpenedByKind, other.OpenedByKind),
            OpenedBySeverity = Tallies.Merge(OpenedBySeverity, other.OpenedBySeverity),
            OpenedByCategory = Tallies.Merge(OpenedByCategory, other.OpenedByCategory),
            OpenedByChannel = Tallies.Merge(OpenedByChannel, other.OpenedByChannel),
            EnteredStatus = Tallies.Merge(EnteredStatus, other.EnteredStatus),
            BacklogIn = BacklogIn + other.BacklogIn,
            BacklogOut = BacklogOut + other.BacklogOut,
            BacklogByOpening = BacklogAgeing.Merge(BacklogByOpening, other.BacklogByOpening),
            Reopened = Reopened + other.Reopened,
            Escalated = Escalated + other.Escalated,
            Merged = Merged + other.Merged,
            Retriaged = Retriaged + other.Retriaged,
            FirstResponseTimes = FirstResponseTimes.Merge(other.FirstResponseTimes),
            ResolutionTimes = ResolutionTimes.Merge(other.ResolutionTimes),
            MajorResolutionTimes = MajorResolutionTimes.Merge(other.MajorResolutionTimes),
            FirstResponseSla = FirstResponseSla.Merge(other.FirstResponseSla),
            ResolutionSla = ResolutionSla.Merge(other.ResolutionSla),
            MajorResolutionSla = MajorResolutionSla.Merge(other.MajorResolutionSla),
            Surveys = Surveys.Merge(other.Surveys),
        };
    }

    /// <summary>The merge of many, e.g. a period's days.</summary>
    public static ReportAggregate Combine(IEnumerable<ReportAggregate> parts) => parts.Aggregate(Empty, (a, b) => a.Merge(b));

    private static SlaTally Complete(SlaTally tally, bool met) =>
        met ? tally with { Met = tally.Met + 1 } : tally with { Late = tally.Late + 1 };

    private static SlaTally Alert(SlaTally tally, bool breached) =>
        breached ? tally with { Breached = tally.Breached + 1 } : tally with { Warned = tally.Warned + 1 };
}
