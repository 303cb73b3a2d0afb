using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>Turns one case event, with the case before and after it, into the fact reports count.</summary>
public static class CaseFacts
{
    /// <param name="before">The case before the event; null for the event that opened it.</param>
    /// <param name="after">The case right after the event.</param>
    /// <param name="policy">The SLA policy version the case is measured against.</param>
    public static CaseFact Of(CaseEventRef e, CaseTrack? before, CaseTrack after, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(policy);
        var responded = before?.Timeline.FirstRespondedAt is null && after.Timeline.FirstRespondedAt is not null;
        var resolved = before?.Timeline.ResolvedAt is null && after.Timeline.ResolvedAt is not null;
        // Stryker disable once Conditional : the report is read only when something completed; evaluating it always
        // would cost a clock run per event, not change a fact.
        var enteredBacklog = after.IsOpen && before is not { IsOpen: true };
        var leftBacklog = before is { IsOpen: true } && !after.IsOpen;
        var report = responded || resolved ? SlaClock.Evaluate(policy, after.Timeline, e.At) : null;
        return new CaseFact(
            e.CaseId,
            e.Sequence,
            e.At,
            e.Type,
            after.Kind,
            after.Channel,
            after.Severity,
            after.Category,
            EnteredStatus: before is null || before.Status != after.Status ? after.Status : null,
            EnteredBacklog: enteredBacklog,
            LeftBacklog: leftBacklog,
            AlertTarget: e.Type is CaseEventType.SlaWarning or CaseEventType.SlaBreached ? e.Target : null,
            FirstResponse: responded ? Completion(report!.FirstResponse, after.Severity) : null,
            Resolution: resolved ? Completion(report!.Resolution, after.Severity) : null,
            OpenedAt: enteredBacklog || leftBacklog ? after.Timeline.OpenedAt : null);
    }

    private static CaseCompletion Completion(SlaTargetReport target, CaseSeverity severity) =>
        new(target.Target - target.Left, target.Status == SlaStatus.Met, severity);
}
