using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Cases;

/// <summary>Merging duplicates: the duplicate records the merge and closes; the case it joins records it too.</summary>
public sealed partial class CaseGrain
{
    public async Task<CaseView> MergeIntoAsync(string targetCaseId, string actor)
    {
        var now = Begin(actor);
        var (tenantId, caseId) = Key;
        if (!Identifiers.IsEntityId(targetCaseId) || targetCaseId == caseId)
        {
            throw new ValidationFailedException([new FieldError("targetCaseId", "The id of another case of this tenant.")]);
        }

        RequireNotMerged();
        var target = grains.GetGrain<ICaseGrain>(CaseKey.Format(tenantId, targetCaseId));
        var targetView = await target.GetAsync()
            ?? throw new ValidationFailedException([new FieldError("targetCaseId", $"No case '{targetCaseId}' in this tenant.")]);
        if (targetView.CustomerId != state.State.Report!.CustomerId)
        {
            throw new ConflictException("Only cases of the same customer can be merged.");
        }

        if (targetView.MergedInto is not null)
        {
            throw new ConflictException($"Case '{targetCaseId}' was itself merged into '{targetView.MergedInto}'; merge into that one.");
        }

        await target.AcceptMergeAsync(caseId, state.State.Report.Subject, actor);
        var next = CatchUpSla(state.State, now);
        var from = next.Status;
        next = next with { MergedInto = targetCaseId, Status = CaseStatus.Closed, Escalated = false };
        Record(next, CaseEventType.MergedInto, actor, now, relatedCaseId: targetCaseId, from: from, to: CaseStatus.Closed);
        await CommitAsync(next, now);
        return View(now);
    }

    public async Task AcceptMergeAsync(string sourceCaseId, string sourceSubject, string actor)
    {
        var now = Begin(actor);
        if (state.State.MergedFrom.Contains(sourceCaseId))
        {
            return;
        }

        var next = CatchUpSla(state.State, now) with { MergedFrom = state.State.MergedFrom.Add(sourceCaseId) };
        Record(next, CaseEventType.MergedFrom, actor, now, text: sourceSubject, relatedCaseId: sourceCaseId);
        await CommitAsync(next, now);
    }
}
