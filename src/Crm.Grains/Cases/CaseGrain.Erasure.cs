using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Cases;

/// <summary>The customer's erasure reaching this case: texts go, kinds, times and statuses stay.</summary>
public sealed partial class CaseGrain
{
    public async Task ErasePersonalDataAsync(string actor)
    {
        RequireActor(actor);
        if (!state.State.Exists)
        {
            return;
        }

        if (state.State.ErasedAt is null)
        {
            var now = time.GetUtcNow();
            // Archive entries still to deliver carry the customer's text, and the customer drops them now anyway;
            // leaving them would also make this case call the customer grain that is waiting on it.
            state.State = state.State with { Outbox = [.. state.State.Outbox.Where(i => i.Archive is null)] };
            var next = state.State with
            {
                Report = state.State.Report! with { Subject = ErasedText, Description = ErasedText },
                ErasedAt = now,
                ErasurePending = true,
            };
            _events.Add(new CaseEvent(state.State.EventCount + 1, now, CaseEventType.PersonalDataErased, actor));
            await CommitAsync(next, now);
        }

        if (state.State.ErasurePending)
        {
            var (tenantId, caseId) = Key;
            await history.RedactAllAsync(tenantId, caseId);
            await grains.GetGrain<IDeskNotificationGrain>(tenantId).RedactCaseAsync(caseId, "Case details erased with the customer's personal data.");
            state.State = state.State with { ErasurePending = false };
            await state.WriteStateAsync();
        }
    }
}
