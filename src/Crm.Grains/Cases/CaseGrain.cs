using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Common;
using Crm.Domain.Sla;
using Crm.Grains.ServiceDesk;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Crm.Grains.Cases;

/// <summary>
/// One case. Every command follows the same steps: check it with the domain rules, catch up on SLA alerts that fell
/// due, write the new history rows, write the state (with the effects still to deliver in its outbox), then settle:
/// queue index, outbox, SLA reminder and agent roster. History rows are written before the state that counts them,
/// so a failed write leaves only rows beyond <see cref="CaseState.EventCount"/> that the next event overwrites.
/// Settling never fails the command that is already stored: a timer and the next activation finish it.
/// </summary>
public sealed partial class CaseGrain(
    [PersistentState("case", CrmStorage.Name)] IPersistentState<CaseState> state,
    ICaseHistoryStore history,
    ICaseQueueStore queue,
    IGrainFactory grains,
    TimeProvider time,
    Scoring.ICommentScoring scoring,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable
{
    /// <summary>The actor of what the SLA clock does on its own.</summary>
    public const string SystemActor = "system";

    /// <summary>What stands in for the subject and description once the customer's personal data is erased.</summary>
    public const string ErasedText = "(erased)";

    private readonly List<CaseEvent> _events = [];
    private readonly List<CaseOutboxItem> _effects = [];

    private (string TenantId, string CaseId) Key => CaseKey.Parse(this.GetPrimaryKeyString());

    public async Task<CaseOpening> OpenAsync(NewCase report, string actor)
    {
        RequireActor(actor);
        var (tenantId, caseId) = Key;
        if (state.State.Exists)
        {
            return Reopening(report);
        }

        // Settings and the customer are independent reads: ask both at once.
        var intakeTask = grains.GetGrain<IServiceDeskGrain>(tenantId).GetIntakeAsync();
        var probe = Normalize(report);
        var customerTask = Identifiers.IsEntityId(probe.CustomerId)
            ? grains.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, probe.CustomerId)).GetAsync()
            : Task.FromResult<CustomerView?>(null);
        var (settings, policy) = await intakeTask;
        var normalized = Validate(report, settings, tenantId, caseId);
        var customer = await customerTask;
        if (customer is null)
        {
            throw new ValidationFailedException([new FieldError("customerId", $"No customer '{normalized.CustomerId}' in this tenant.")]);
        }

        if (customer.Erased)
        {
            throw new ConflictException($"Customer '{normalized.CustomerId}' asked to be forgotten; no new case can be opened for them.");
        }

        if (normalized.Assignee is { } assignee)
        {
            await RequireCaseWorkerAsync(tenantId, assignee);
        }

        var now = time.GetUtcNow();
        var next = new CaseState
        {
            Report = normalized,
            Category = normalized.Category!,
            Status = CaseStatus.New,
            OpenedAt = now,
            OpenedBy = actor,
            Policy = policy,
            Timeline = TimelineRecord.From(new SlaTimeline(now, normalized.Severity, policy.Version)),
            RequestFingerprint = normalized.RequestId is null ? null : Fingerprint(normalized),
            Tone = CustomerTone(normalized.Subject + "\n" + normalized.Description),
        };
        Record(next, CaseEventType.Opened, actor, now, text: normalized.Description);
        if (normalized.Assignee is not null)
        {
            next = next with { Assignee = normalized.Assignee };
            Record(next, CaseEventType.Assigned, actor, now, assignee: normalized.Assignee);
        }

        await CommitAsync(next, now);
        CrmMetrics.CasesOpened.Add(1, new KeyValuePair<string, object?>("kind", normalized.Kind.ToString()));

        if (normalized.Assignee is null && settings.Assignment != AssignmentMode.Manual)
        {
            await TryAutoAssignAsync(settings.Assignment, actor);
        }

        return new CaseOpening(View(time.GetUtcNow()), Created: true);
    }

    public Task<CaseView?> GetAsync() => Task.FromResult(state.State.Exists ? View(time.GetUtcNow()) : null);

    public async Task<CaseEventPage> GetHistoryAsync(int pageSize, string? continuationToken)
    {
        RequireExisting();
        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new FieldError("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        long from = 1;
        if (continuationToken is not null &&
            (!long.TryParse(continuationToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out from) ||
             from < 1 || from > state.State.EventCount + 1))
        {
            throw new ValidationFailedException([new FieldError("continuationToken", "Not a token this history issued.")]);
        }

        var (tenantId, caseId) = Key;
        var count = (int)Math.Min(pageSize, Math.Max(0, state.State.EventCount - from + 1));
        var events = count == 0 ? [] : await history.ReadAsync(tenantId, caseId, from, count);
        var last = from + events.Count - 1;
        var next = events.Count == pageSize && last < state.State.EventCount
            ? (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return new CaseEventPage([.. events], next);
    }

    public async Task<CaseView> ReplyAsync(string text, CaseAction? then, string actor)
    {
        var now = Begin(actor);
        var body = RequireText("text", text, CaseText.MaxBody);
        RequireNotErased();
        RequireNotMerged();
        if (!state.State.IsOpen)
        {
            throw new ConflictException($"The case is {state.State.Status}; reopen it before replying.");
        }

        // The tenant's setting is read only when it can matter (a plain reply to a new case), and before anything is
        // recorded, so a failed read leaves the case as it was.
        var acknowledge = then is not null || state.State.Status != CaseStatus.New
            || (await grains.GetGrain<IServiceDeskGrain>(Key.TenantId).GetSettingsAsync()).AcknowledgeOnFirstReply;
        var next = CatchUpSla(state.State, now);
        next = next with { Timeline = TimelineRecord.From(next.Timeline!.ToDomain().Respond(now)) };
        // Whoever answers an unassigned case owns it from then on, so nobody else picks it up too. The actor already
        // passed the door's cases.write check, so unlike an assignment to someone else there is nobody to look up.
        if (next.Assignee is null)
        {
            next = next with { Assignee = actor };
            Record(next, CaseEventType.Assigned, actor, now, assignee: actor);
        }

        Record(next, CaseEventType.Replied, actor, now, text: body);
        if ((then ?? CaseLifecycle.AfterPlainReply(next.Status, acknowledge)) is { } action)
        {
            next = Transition(next, action, null, actor, now);
        }

        await CommitAsync(next, now);
        return View(now);
    }

    public async Task<CaseView> AddNoteAsync(string text, string actor)
    {
        var now = Begin(actor);
        var body = RequireText("text", text, CaseText.MaxBody);
        RequireNotErased();
        var next = CatchUpSla(state.State, now);
        Record(next, CaseEventType.NoteAdded, actor, now, text: body);
        await CommitAsync(next, now);
        return View(now);
    }

    public async Task<CaseView> ApplyAsync(CaseAction action, string? comment, string actor)
    {
        var now = Begin(actor);
        if (!Enum.IsDefined(action))
        {
            throw new ValidationFailedException([new FieldError("action", "Unknown action.")]);
        }

        var note = OptionalText("comment", comment, CaseText.MaxBody);
        RequireNotMerged();
        if (action == CaseAction.Reopen)
        {
            await RequireWithinReopenWindowAsync(now);
        }

        var next = Transition(CatchUpSla(state.State, now), action, note, actor, now);
        await CommitAsync(next, now);
        return View(now);
    }

    public async Task<CaseView> ReceiveCustomerMessageAsync(string text, string actor)
    {
        var now = Begin(actor);
        var body = RequireText("text", text, CaseText.MaxBody);
        RequireNotErased();
        RequireNotMerged();
        // The customer's latest words set the tone the queue shows: an angry follow-up surfaces, a calm one settles.
        var next = CatchUpSla(state.State, now) with { Tone = CustomerTone(body) };
        Record(next, CaseEventType.CustomerMessage, actor, now, text: body);
        if (next.Status == CaseStatus.WaitingOnCustomer)
        {
            next = Transition(next, CaseAction.CustomerReplied, null, actor, now);
        }
        else if (next.Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            await RequireWithinReopenWindowAsync(now);
            next = Transition(next, CaseAction.Reopen, null, actor, now);
        }

        await CommitAsync(next, now);
        return View(now);
    }

    public async Task<CaseView> AssignAsync(string? assignee, string actor)
    {
        var now = Begin(actor);
        RequireOpen("assign");
        if (assignee == state.State.Assignee)
        {
            return View(now);
        }

        if (assignee is not null)
        {
            await RequireCaseWorkerAsync(Key.TenantId, assignee);
        }

        var next = CatchUpSla(state.State, now) with { Assignee = assignee };
        Record(next, assignee is null ? CaseEventType.Unassigned : CaseEventType.Assigned, actor, now, assignee: assignee);
        await CommitAsync(next, now);
        return View(now);
    }

    public async Task<CaseView> AutoAssignAsync(string actor)
    {
        Begin(actor);
        RequireOpen("assign");
        var settings = await grains.GetGrain<IServiceDeskGrain>(Key.TenantId).GetSettingsAsync();
        var mode = settings.Assignment == AssignmentMode.Manual ? AssignmentMode.LeastLoaded : settings.Assignment;
        if (!await TryAutoAssignAsync(mode, actor))
        {
            throw new ConflictException("No agent is available for automatic assignment; agents mark themselves available in the queue.");
        }

        return View(time.GetUtcNow());
    }

    public async Task<CaseView> EscalateAsync(string reason, string actor)
    {
        var now = Begin(actor);
        var why = OptionalText("reason", reason, CaseText.MaxBody);
        RequireOpen("escalate");
        if (state.State.Escalated)
        {
            return View(now);
        }

        var next = CatchUpSla(state.State, now);
        next = Escalate(next, CaseEventType.Escalated, actor, now, why, null);
        await CommitAsync(next, now);
        return View(now);
    }

    private CaseOpening Reopening(NewCase report)
    {
        // A retry of the request that made this case gets it back; anything else under this id is a conflict.
        if (report.RequestId is not null && state.State.RequestFingerprint is { } fingerprint)
        {
            var retried = Normalize(report);
            if (state.State.Report!.RequestId == retried.RequestId && fingerprint == Fingerprint(retried))
            {
                return new CaseOpening(View(time.GetUtcNow()), Created: false);
            }

            throw new ConflictException($"Request id '{report.RequestId}' was already used for a different case ({Key.CaseId}); use a new request id.");
        }

        throw new ConflictException($"Case '{Key.CaseId}' already exists.");
    }

    private async Task<bool> TryAutoAssignAsync(AssignmentMode mode, string actor)
    {
        var roster = grains.GetGrain<IAgentRosterGrain>(Key.TenantId);
        if (state.State.CountedAssignee is { } counted)
        {
            await roster.TransferAsync(counted, null);
            state.State = state.State with { CountedAssignee = null };
        }

        var picked = await roster.PickAsync(mode);
        if (picked is null)
        {
            return false;
        }

        // The roster counted the case to the pick already.
        state.State = state.State with { CountedAssignee = picked };
        var now = time.GetUtcNow();
        if (picked != state.State.Assignee)
        {
            var next = CatchUpSla(state.State, now) with { Assignee = picked };
            Record(next, CaseEventType.Assigned, actor, now, assignee: picked, text: $"Assigned automatically ({mode}).");
            await CommitAsync(next, now);
        }

        return true;
    }

    private async Task RequireCaseWorkerAsync(string tenantId, string username)
    {
        var user = Usernames.IsValid(username) ? await grains.GetGrain<IUserGrain>(username).GetAsync() : null;
        if (user is null || !AccessRules.Allows(false, user.Memberships, tenantId, Permission.CasesWrite))
        {
            throw new ValidationFailedException([new FieldError("assignee", $"'{username}' does not work cases in this tenant.")]);
        }
    }

    private async Task RequireWithinReopenWindowAsync(DateTimeOffset now)
    {
        if (state.State.Status is not (CaseStatus.Resolved or CaseStatus.Closed) || state.State.ResolvedAt is not { } resolvedAt)
        {
            return;
        }

        var settings = await grains.GetGrain<IServiceDeskGrain>(Key.TenantId).GetSettingsAsync();
        if (!CaseLifecycle.IsWithinReopenWindow(resolvedAt, now, TimeSpan.FromDays(settings.ReopenWindowDays)))
        {
            throw new ConflictException(
                $"The case was resolved on {resolvedAt:yyyy-MM-dd}, more than {settings.ReopenWindowDays} days ago; open a new case instead.");
        }
    }
}
