using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Crm.Grains.Cases;

/// <summary>
/// What follows a stored change: the queue index, the outbox (archive, notifications, webhook), the SLA reminder and
/// the agent roster. Each step is idempotent and remembers its progress in memory; the progress is persisted with
/// the next state write, so a crash repeats at most a step whose receiver ignores repeats.
/// </summary>
public sealed partial class CaseGrain
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    private CaseQueueItem? _indexedItem;
    private IGrainTimer? _retry;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            if (state.State.ErasurePending)
            {
                await ErasePersonalDataAsync(SystemActor);
            }

            // A deadline may have passed while no activation held the case (its silo died and the reminder tick went
            // there). Settling alone would move the reminder past that deadline and the breach would never be
            // recorded, so the clock is caught up first, as a reminder tick would.
            await CatchUpAndSettleAsync();
        }
    }

    private async Task CatchUpAndSettleAsync()
    {
        var now = time.GetUtcNow();
        var next = CatchUpSla(state.State, now);
        if (_events.Count > 0)
        {
            await CommitAsync(next, now);
        }
        else
        {
            await SettleAsync();
        }
    }

    private async Task SettleAsync()
    {
        // The clock is read once for the queue row and the reminder: with business hours it walks the calendar.
        var now = time.GetUtcNow();
        var report = state.State.IsOpen ? SlaClock.Evaluate(Policy, state.State.Timeline!.ToDomain(), now) : null;

        // Independent steps, so they overlap; each touches its own part of the bookkeeping.
        var steps = await Task.WhenAll(
            TryAsync("queue index", () => SyncQueueAsync(report)),
            TryAsync("outbox", FlushOutboxAsync),
            TryAsync("SLA reminder", () => SyncReminderAsync(report, now)),
            TryAsync("agent roster", SyncRosterAsync));
        if (steps.All(ok => ok))
        {
            _retry?.Dispose();
            _retry = null;
        }
        else
        {
            _retry ??= this.RegisterGrainTimer(
                _ => SettleAsync(), new GrainTimerCreationOptions(RetryPeriod, RetryPeriod) { KeepAlive = true });
        }
    }

    private async Task<bool> TryAsync(string step, Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception ex)
        {
            LogSettleFailed(ex, step, this.GetPrimaryKeyString());
            return false;
        }
    }

    private async Task SyncQueueAsync(SlaReport? report)
    {
        var (tenantId, caseId) = Key;
        var (desired, item) = Desired(caseId, report);
        var indexed = state.State.IndexedSlots;
        var queueGrain = grains.GetGrain<ICaseQueueGrain>(tenantId);
        if (desired.Length > 0 && (!desired.SequenceEqual(indexed) || item != _indexedItem))
        {
            // Remembered before writing, so that after a failure every row that may exist is still known.
            state.State = state.State with { IndexedSlots = [.. indexed.Union(desired)] };
            await queue.PutAsync(tenantId, desired, item!);
            await queueGrain.TrackAsync(desired[0].SortKey, item!);
            _indexedItem = item;
        }

        var stale = state.State.IndexedSlots.Except(desired).ToList();
        if (stale.Count > 0)
        {
            await queue.RemoveAsync(tenantId, stale);
            if (desired.Length == 0)
            {
                await queueGrain.ForgetAsync(caseId);
            }
        }

        state.State = state.State with { IndexedSlots = desired };
        if (desired.Length == 0)
        {
            _indexedItem = null;
        }
    }

    /// <summary>The queue row an open case should have; none for a case that is not open (no report).</summary>
    private (ImmutableArray<QueueSlot> Slots, CaseQueueItem? Item) Desired(string caseId, SlaReport? report)
    {
        var s = state.State;
        if (report is null)
        {
            return ([], null);
        }

        var urgency = CaseUrgency.Of(s.Status, report)!;
        var r = s.Report!;
        var item = new CaseQueueItem(
            caseId, r.CustomerId, r.Kind, r.Severity, s.Category, s.Status, s.Assignee, s.Escalated, r.Subject, s.OpenedAt,
            urgency.DueAt, urgency.Target, urgency.Status, urgency.Paused, urgency.Left, r.Channel, s.Tone, r.OrderReference);
        return ([new QueueSlot(QueueSlot.ShardLane(caseId), urgency.SortKey(caseId))], item);
    }

    /// <summary>Delivers the outbox in order; an archive entry that fails holds back later archive entries only.</summary>
    private async Task FlushOutboxAsync()
    {
        var (tenantId, caseId) = Key;
        var archiveBlocked = false;
        Exception? failure = null;
        foreach (var item in state.State.Outbox)
        {
            if (item.Archive is not null && archiveBlocked)
            {
                continue;
            }

            try
            {
                await DeliverAsync(tenantId, caseId, item);
                state.State = state.State with { Outbox = state.State.Outbox.Remove(item) };
            }
            catch (Exception ex)
            {
                failure ??= ex;
                archiveBlocked |= item.Archive is not null;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private async Task DeliverAsync(string tenantId, string caseId, CaseOutboxItem item)
    {
        if (item.Archive is { } entry)
        {
            var customer = grains.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, state.State.Report!.CustomerId));
            await customer.AppendCaseEventAsync(caseId, item.Sequence, entry, item.Actor);
        }
        else if (item.Notification is { } notification)
        {
            await grains.GetGrain<IDeskNotificationGrain>(tenantId).PostAsync(notification);
        }
        else if (item.Webhook is { } webhook)
        {
            await grains.GetGrain<IWebhookGrain>(tenantId).EnqueueAsync(webhook);
        }
        else if (item.SurveyOffer is { } facts)
        {
            await grains.GetGrain<Crm.Contracts.Surveys.ICustomerSurveysGrain>(Crm.Contracts.Surveys.SurveyKey.Format(tenantId, state.State.Report!.CustomerId))
                .OfferForResolvedCaseAsync(facts);
        }
        else if (item.Report is { } fact)
        {
            await grains.GetGrain<ITenantReportsGrain>(tenantId).RecordCaseAsync(fact);
        }
    }

    private async Task SyncRosterAsync()
    {
        var effective = state.State.IsOpen ? state.State.Assignee : null;
        if (effective != state.State.CountedAssignee)
        {
            await grains.GetGrain<IAgentRosterGrain>(Key.TenantId).TransferAsync(state.State.CountedAssignee, effective);
            state.State = state.State with { CountedAssignee = effective };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Key}: {Step} not brought up to date; retrying.")]
    private partial void LogSettleFailed(Exception exception, string step, string key);
}
