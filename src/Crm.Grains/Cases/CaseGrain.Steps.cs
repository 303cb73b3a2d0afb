using System.Security.Cryptography;
using System.Text.Json;
using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;
using Crm.Grains.ServiceDesk;

namespace Crm.Grains.Cases;

/// <summary>The steps every command is made of: validation, history events, SLA catch-up, the commit and the view.</summary>
public sealed partial class CaseGrain
{
    private SlaPolicy? _policy;
    private CaseTrack? _reportBase;

    private SlaPolicy Policy => _policy ??= SlaPolicyMapping.ToDomain(state.State.Policy!);

    /// <summary>The report as stored: trimmed, category and assignee lower-cased, category "other" when absent (<see cref="CaseIntake"/>).</summary>
    public static NewCase Normalize(NewCase report) => report.With(CaseIntake.Normalize(report.ToReport()));

    private static NewCase Validate(NewCase report, ServiceDeskSettings settings, string tenantId, string caseId)
    {
        // Key formats are the contract's; every rule about the case itself is the domain's intake check.
        var errors = new List<FieldError>();
        if (!Identifiers.IsTenantId(tenantId))
        {
            errors.Add(new("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'."));
        }

        if (!Identifiers.IsEntityId(caseId))
        {
            errors.Add(new("caseId", "A case id is 1-64 letters, digits, '-' or '_'."));
        }

        var r = Normalize(report);
        if (!Identifiers.IsEntityId(r.CustomerId))
        {
            errors.Add(new("customerId", "A customer id is 1-64 letters, digits, '-' or '_'."));
        }

        errors.AddRange(CaseIntake.Check(r.ToReport(), settings.Categories).Select(p => new FieldError(p.Field, p.Message)));
        if (r.RequestId is not null && (!CaseKey.IsRequestId(r.RequestId) || CaseKey.IdForRequest(r.RequestId) != caseId))
        {
            errors.Add(new("requestId", "1-100 printable ASCII characters, and the case id derived from it."));
        }

        if (r.Assignee is not null && !Contracts.Access.Usernames.IsValid(r.Assignee))
        {
            errors.Add(new("assignee", "Not a username."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        return r;
    }

    private static string Fingerprint(NewCase normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(normalized with { RequestId = null })));

    private static void AddIf(List<FieldError> errors, Domain.Common.FieldProblem? problem)
    {
        if (problem is not null)
        {
            errors.Add(new(problem.Field, problem.Message));
        }
    }

    private static string RequireText(string field, string? text, int max) =>
        CaseText.Check(field, text, max) is { } problem
            ? throw new ValidationFailedException([new FieldError(problem.Field, problem.Message)])
            : text!.Trim();

    private static string? OptionalText(string field, string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : RequireText(field, text, max);

    /// <summary>The tone of a text the customer wrote, by the tenant's comment scorer (a trained model or the lexicon).</summary>
    private Contracts.Scoring.CommentScore CustomerTone(string text) => scoring.Score(Key.TenantId, text);

    private static string RequireActor(string actor) =>
        string.IsNullOrWhiteSpace(actor) ? throw new ArgumentException("Every change needs an actor.", nameof(actor)) : actor;

    private DateTimeOffset Begin(string actor)
    {
        RequireActor(actor);
        RequireExisting();
        return time.GetUtcNow();
    }

    private void RequireExisting()
    {
        if (!state.State.Exists)
        {
            var (tenantId, caseId) = Key;
            throw new NotFoundException($"No case '{caseId}' in tenant '{tenantId}'.");
        }
    }

    private void RequireNotErased()
    {
        if (state.State.ErasedAt is not null)
        {
            throw new ConflictException("The customer's personal data was erased; the case takes no new text.");
        }
    }

    private void RequireNotMerged()
    {
        if (state.State.MergedInto is { } target)
        {
            throw new ConflictException($"The case was merged into '{target}'; work on that case.");
        }
    }

    private void RequireOpen(string verb)
    {
        RequireNotMerged();
        if (!state.State.IsOpen)
        {
            throw new ConflictException($"The case is {state.State.Status}; reopen it to {verb} it.");
        }
    }

    /// <summary>Applies a lifecycle action and its effect on the SLA timeline, recording the change.</summary>
    private CaseState Transition(CaseState next, CaseAction action, string? comment, string actor, DateTimeOffset now)
    {
        var result = CaseLifecycle.Transition(next.Status, action);
        if (!result.IsAllowed)
        {
            throw new ConflictException(result.Error!);
        }

        var timeline = next.Timeline!.ToDomain();
        timeline = action switch
        {
            // Putting a question to the customer is a response, and stops the resolution clock.
            CaseAction.WaitOnCustomer => timeline.Respond(now).Pause(now),
            CaseAction.CustomerReplied => timeline.Resume(now),
            CaseAction.Resolve => timeline.Resolve(now),
            CaseAction.Reopen => timeline.Reopen(now),
            _ => timeline,
        };
        var to = result.Status!.Value;
        var from = next.Status;
        next = next with
        {
            Status = to,
            Timeline = TimelineRecord.From(timeline),
            ResolvedAt = to == CaseStatus.Resolved ? now : next.ResolvedAt,
            Escalated = to is CaseStatus.Resolved or CaseStatus.Closed ? false : next.Escalated,
        };
        var changed = Record(next, CaseEventType.StatusChanged, actor, now, text: comment, from: from, to: to);
        if (to == CaseStatus.Resolved)
        {
            CrmMetrics.CasesResolved.Add(1);

            // The customer may be offered a satisfaction survey; the tenant's rule decides, in the customer's survey grain.
            _effects.Add(new CaseOutboxItem(changed.Sequence, actor, SurveyOffer: SurveyFacts(next, now)));
        }

        return next;
    }

    /// <summary>
    /// Records every warning and breach the clock has reached and nobody recorded yet: the reminder does this when it
    /// fires, and each command does it first so that the history is in time order whatever the reminder's delay.
    /// </summary>
    private CaseState CatchUpSla(CaseState next, DateTimeOffset now)
    {
        if (!next.IsOpen)
        {
            return next;
        }

        var report = SlaClock.Evaluate(Policy, next.Timeline!.ToDomain(), now);
        foreach (var (target, measured) in new[] { (SlaTarget.FirstResponse, report.FirstResponse), (SlaTarget.Resolution, report.Resolution) })
        {
            if (HasAlert(next, target, SlaStatus.Breached))
            {
                continue;
            }

            if (measured.Status == SlaStatus.Breached)
            {
                next = next with { Alerts = next.Alerts.Add(new SlaAlert(target, SlaStatus.Breached, measured.DueAt)) };
                next = Escalate(next, CaseEventType.SlaBreached, SystemActor, now, null, target);
                CrmMetrics.SlaAlerts.Add(1, Tag("target", target), Tag("level", SlaStatus.Breached));
            }
            else if (measured.Status == SlaStatus.Warning && !HasAlert(next, target, SlaStatus.Warning))
            {
                next = next with { Alerts = next.Alerts.Add(new SlaAlert(target, SlaStatus.Warning, measured.WarningAt)) };
                var e = Record(next, CaseEventType.SlaWarning, SystemActor, now, target: target);
                Notify(next, e, DeskNotificationKind.SlaWarning, "case.sla_warning",
                    $"{next.Report!.Subject}: {CaseArchiveEntries.Target(target)} due {measured.DueAt:u}.");
                CrmMetrics.SlaAlerts.Add(1, Tag("target", target), Tag("level", SlaStatus.Warning));
            }
        }

        return next;
    }

    private static KeyValuePair<string, object?> Tag(string name, object value) => new(name, value.ToString());

    private static bool HasAlert(CaseState s, SlaTarget target, SlaStatus level) => s.Alerts.Any(a => a.Target == target && a.Level == level);

    /// <summary>Puts the case in the escalation queue, and tells the team leads and the tenant's webhook.</summary>
    private CaseState Escalate(CaseState next, CaseEventType type, string actor, DateTimeOffset now, string? reason, SlaTarget? target)
    {
        next = next with { Escalated = true };
        var e = Record(next, type, actor, now, text: reason, target: target);
        var subject = next.Report!.Subject;
        if (type == CaseEventType.SlaBreached)
        {
            Notify(next, e, DeskNotificationKind.SlaBreached, "case.sla_breached", $"{subject}: {CaseArchiveEntries.Target(target)} deadline passed.");
        }
        else
        {
            Notify(next, e, DeskNotificationKind.Escalated, "case.escalated", $"{subject}: escalated by {actor}" + (reason is null ? "." : $": {reason}"));
        }

        CrmMetrics.Escalations.Add(1, Tag("cause", type));
        return next;
    }

    private void Notify(CaseState next, CaseEvent e, DeskNotificationKind kind, string webhookType, string message)
    {
        var (tenantId, caseId) = Key;
        var id = $"{caseId}-{e.Sequence}";
        var data = ImmutableDictionary<string, string>.Empty
            .Add("tenantId", tenantId)
            .Add("kind", next.Report!.Kind.ToString())
            .Add("severity", next.Report.Severity.ToString())
            .Add("status", next.Status.ToString())
            .Add("assignee", next.Assignee ?? "");
        if (e.Target is { } target)
        {
            data = data.Add("target", target.ToString());
        }

        _effects.Add(new CaseOutboxItem(e.Sequence, e.Actor, Notification: new DeskNotification(id, e.At, kind, caseId, message, e.Target)));
        _effects.Add(new CaseOutboxItem(e.Sequence, e.Actor, Webhook: new WebhookEvent(id, webhookType, e.At, caseId, message, data)));
    }

    /// <summary>Adds an event to the command's batch, with the archive entry it makes for the customer.</summary>
    private CaseEvent Record(
        CaseState context,
        CaseEventType type,
        string actor,
        DateTimeOffset at,
        string? text = null,
        CaseStatus? from = null,
        CaseStatus? to = null,
        string? assignee = null,
        string? relatedCaseId = null,
        SlaTarget? target = null)
    {
        var e = new CaseEvent(state.State.EventCount + _events.Count + 1, at, type, actor, text, from, to, assignee, relatedCaseId, target);
        _events.Add(e);
        _effects.Add(new CaseOutboxItem(e.Sequence, actor, Archive: CaseArchiveEntries.For(e, context.Report!)));
        _effects.Add(new CaseOutboxItem(e.Sequence, actor, Report: ReportFact(e, context)));
        return e;
    }

    /// <summary>The event as reports count it: the case before it (the batch's last event, or the stored state) and after.</summary>
    private CaseFact ReportFact(CaseEvent e, CaseState context)
    {
        var before = _reportBase ?? (state.State.Exists ? ReportTrack(state.State) : null);
        var after = ReportTrack(context);
        _reportBase = after;
        var policy = state.State.Exists ? Policy : SlaPolicyMapping.ToDomain(context.Policy!);
        return CaseFacts.Of(new CaseEventRef(Key.CaseId, e.Sequence, e.At, e.Type, e.Target), before, after, policy);
    }

    private static CaseTrack ReportTrack(CaseState s) =>
        new(s.Report!.Kind, s.Report.Channel, s.Report.Severity, s.Category, s.Status, s.MergedInto is not null, s.Timeline!.ToDomain());

    /// <summary>Writes the batch's history rows, then the state; then settles. On failure nothing counts.</summary>
    private async Task CommitAsync(CaseState next, DateTimeOffset now)
    {
        var events = _events.ToList();
        var effects = _effects.ToList();
        _events.Clear();
        _effects.Clear();
        _reportBase = null;
        if (events.Count == 0)
        {
            return;
        }

        var (tenantId, caseId) = Key;
        var previous = state.State;
        foreach (var e in events)
        {
            await history.PutAsync(tenantId, caseId, e);
        }

        state.State = next with
        {
            EventCount = previous.EventCount + events.Count,
            Version = previous.Version + 1,
            UpdatedAt = now,
            Outbox = previous.Outbox.AddRange(effects),
            IndexedSlots = previous.IndexedSlots,
            CountedAssignee = previous.CountedAssignee,
            ReminderDueAt = previous.ReminderDueAt,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            state.State = previous;
            if (ex is Orleans.Storage.InconsistentStateException)
            {
                DeactivateOnIdle();
            }

            throw;
        }

        await SettleAsync();
    }

    private CaseView View(DateTimeOffset now)
    {
        var s = state.State;
        var r = s.Report!;
        var (tenantId, caseId) = Key;
        var report = SlaClock.Evaluate(Policy, s.Timeline!.ToDomain(), now);
        return new CaseView(
            tenantId, caseId, r.CustomerId, r.Kind, r.AfterSalesType, r.OrderReference, r.Severity, s.Category, r.Channel,
            r.Subject, r.Description, s.Status, s.Assignee, s.Escalated, s.MergedInto, s.OpenedAt, s.UpdatedAt, s.OpenedBy,
            s.Version,
            new CaseSla(report.PolicyVersion, SlaTargetView.From(report.FirstResponse), SlaTargetView.From(report.Resolution), s.IsOpen ? report.NextDueAt : null),
            s.MergedInto is null ? [.. CaseLifecycle.AllowedActions(s.Status)] : [],
            s.Alerts,
            s.ResolvedAt,
            s.ErasedAt,
            s.Tone);
    }
}
