using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>
/// Rebuilds a case's facts from its stored history, without the grain: what reconciliation compares the aggregates
/// with. It steps a <see cref="CaseTrack"/> through the events the way the case grain changes its state, and turns
/// each step into a fact with <see cref="CaseFacts.Of"/>, the function the grain uses.
/// </summary>
public static class CaseReplay
{
    /// <param name="severity">The case's severity now; re-triage events say what it was before.</param>
    /// <param name="category">The case's category now.</param>
    /// <param name="history">Every history row of the case, oldest first.</param>
    public static IReadOnlyList<CaseFact> Facts(
        string caseId,
        CaseKind kind,
        CaseChannel channel,
        CaseSeverity severity,
        string category,
        SlaPolicy policy,
        IReadOnlyList<CaseHistoryItem> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (openSeverity, openCategory) = AtOpening(severity, category, history);
        var facts = new List<CaseFact>(history.Count);
        CaseTrack? track = null;
        foreach (var e in history)
        {
            if (e.Type == CaseEventType.PersonalDataErased)
            {
                // The grain records erasure outside the reported events: it changes nothing a report counts.
                continue;
            }

            var after = Step(track, e, kind, channel, openSeverity, openCategory, policy.Version);
            if (after is null)
            {
                continue;
            }

            facts.Add(CaseFacts.Of(new CaseEventRef(caseId, e.Sequence, e.At, e.Type, e.Target), track, after, policy));
            track = after;
        }

        return facts;
    }

    /// <summary>The severity and category the case opened with: today's, undone through each re-triage.</summary>
    public static (CaseSeverity Severity, string Category) AtOpening(CaseSeverity severity, string category, IReadOnlyList<CaseHistoryItem> history)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Type == CaseEventType.DetailsChanged)
            {
                var change = TriageText.Read(history[i].Text);
                severity = change.FromSeverity ?? severity;
                category = change.FromCategory ?? category;
            }
        }

        return (severity, category);
    }

    /// <summary>The case right after one event; null for an event before the opening (a history with a gap).</summary>
    public static CaseTrack? Step(
        CaseTrack? track, CaseHistoryItem e, CaseKind kind, CaseChannel channel, CaseSeverity openSeverity, string openCategory, int policyVersion)
    {
        if (e.Type == CaseEventType.Opened)
        {
            return new CaseTrack(kind, channel, openSeverity, openCategory, CaseStatus.New, false, new SlaTimeline(e.At, openSeverity, policyVersion));
        }

        if (track is null)
        {
            return null;
        }

        var timeline = track.Timeline;
        switch (e.Type)
        {
            case CaseEventType.Replied:
                return track with { Timeline = timeline.Respond(e.At) };
            case CaseEventType.StatusChanged when e.To is { } to:
                timeline = (track.Status, to) switch
                {
                    (_, CaseStatus.WaitingOnCustomer) => timeline.Respond(e.At).Pause(e.At),
                    (_, CaseStatus.Resolved) => timeline.Resolve(e.At),
                    (_, CaseStatus.Reopened) => timeline.Reopen(e.At),
                    (CaseStatus.WaitingOnCustomer, _) => timeline.Resume(e.At),
                    _ => timeline,
                };
                return track with { Status = to, Timeline = timeline };
            case CaseEventType.MergedInto:
                return track with { Status = CaseStatus.Closed, Merged = true };
            case CaseEventType.DetailsChanged:
                var change = TriageText.Read(e.Text);
                var severity = change.ToSeverity ?? track.Severity;
                return track with
                {
                    Severity = severity,
                    Category = change.ToCategory ?? track.Category,
                    Timeline = timeline with { Severity = severity },
                };
            default:
                return track;
        }
    }
}
