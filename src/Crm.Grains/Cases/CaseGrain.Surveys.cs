using Crm.Contracts.Surveys;
using Crm.Domain.Sla;

namespace Crm.Grains.Cases;

/// <summary>What a resolved case tells the survey it may be offered: the facts a response will carry.</summary>
public sealed partial class CaseGrain
{
    private CaseFacts SurveyFacts(CaseState resolved, DateTimeOffset now)
    {
        var timeline = resolved.Timeline!.ToDomain();
        var report = SlaClock.Evaluate(Policy, timeline, now);
        var r = resolved.Report!;
        return new CaseFacts(
            Key.CaseId,
            r.Kind,
            r.Severity,
            resolved.Category,
            r.Channel,
            resolved.Assignee,
            timeline.FirstRespondedAt - timeline.OpenedAt,
            now - timeline.OpenedAt,
            report.FirstResponse.Status == SlaStatus.Met && report.Resolution.Status == SlaStatus.Met,
            ReopenCount: null,
            ResolvedAt: now);
    }
}
