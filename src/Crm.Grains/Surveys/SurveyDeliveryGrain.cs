using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Surveys;

/// <summary>
/// Empties a survey's outbox: reads the oldest batches, appends their entries to each customer's archive (one call
/// per customer for several batches together), enqueues their webhook events, then deletes them, once the survey has
/// been quiet for a moment. A failure leaves the batches in place and the next tick tries again; receivers drop
/// repeats by id, so nothing is delivered twice. While the outbox holds batches a reminder is registered, so batches a
/// crash or restart left behind are delivered within a minute or two without waiting for the survey to be used again.
/// </summary>
public sealed partial class SurveyDeliveryGrain(ISurveyResponseStore store, ILogger<SurveyDeliveryGrain> logger) : Grain, ISurveyDeliveryGrain, IRemindable
{
    public const string OutboxReminder = "survey-outbox";

    /// <summary>Orleans' shortest reminder period: the reminder only wakes the grain after a restart; the timer delivers.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    // Whether this activation registered the reminder: one reminder-table write per activation, not per batch.
    private bool _reminded;

    /// <summary>Batches delivered together: more of them means fewer, larger calls to each customer's grain.</summary>
    public const int BatchesPerRound = 10;

    /// <summary>
    /// Customers' grains written to at once: few enough that most of them stay free for the calls an import makes while
    /// its earlier batches are being delivered (existence checks, lookups), which would otherwise wait behind the writes.
    /// </summary>
    public const int CustomersInFlight = 16;
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deliveries wait until no batch has arrived for this long (or <see cref="MaxWait"/> has passed): while an import is
    /// running, its next batches' checks and lookups then do not queue behind archive writes to the same customers.
    /// </summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private IGrainTimer? _timer;
    private DateTimeOffset _lastPoke;
    private DateTimeOffset _waitingSince;

    private (string TenantId, string SurveyId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public async Task PokeAsync()
    {
        if (!_reminded)
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, ReminderPeriod, ReminderPeriod);
            _reminded = true;
        }

        StartTimer();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A fresh activation (after a restart) does not know whether it registered the reminder: it did, durably.
        _reminded = true;
        StartTimer();
        return Task.CompletedTask;
    }

    private void StartTimer()
    {
        _lastPoke = DateTimeOffset.UtcNow;
        if (_timer is null)
        {
            _waitingSince = _lastPoke;
            // Ticks until the outbox is empty; each tick delivers one round once the survey is quiet, then disposes itself when done.
            _timer = this.RegisterGrainTimer(_ => DeliverAsync(), new GrainTimerCreationOptions(Quiet, TickPeriod) { KeepAlive = true });
        }
    }

    public async Task<int> PendingAsync()
    {
        var (tenantId, surveyId) = Key;
        return (await store.ReadOutboxAsync(tenantId, surveyId, int.MaxValue)).Count;
    }

    private async Task DeliverAsync()
    {
        var (tenantId, surveyId) = Key;
        var now = DateTimeOffset.UtcNow;
        if (now - _lastPoke < Quiet && now - _waitingSince < MaxWait)
        {
            return;
        }

        try
        {
            // One round per tick, so a batch arriving meanwhile makes the next round wait for quiet again.
            var batches = await store.ReadOutboxAsync(tenantId, surveyId, BatchesPerRound);
            if (batches.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
                if (await this.GetReminder(OutboxReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                _reminded = false;
                return;
            }

            await DeliverAsync(tenantId, batches);
            await store.DeleteOutboxAsync(tenantId, surveyId, [.. batches.Select(b => b.Number)]);
            _waitingSince = DateTimeOffset.UtcNow;
        }
        catch (Exception ex)
        {
            // The batches stay in the outbox; the timer's next tick tries them again.
            LogDeliveryFailed(ex, this.GetPrimaryKeyString());
        }
    }

    private async Task DeliverAsync(string tenantId, IReadOnlyList<SurveyOutboxBatch> batches)
    {
        // The customers' grains and archive partitions are independent: one call each, a bounded number at a time.
        var archive = batches.SelectMany(b => b.Items.Select(item => (b.Actor, Item: item)))
            .GroupBy(x => (x.Item.CustomerId, x.Actor));
        foreach (var part in archive.Chunk(CustomersInFlight))
        {
            await DeliverToCustomersAsync(tenantId, part);
        }

        var webhook = GrainFactory.GetGrain<IWebhookGrain>(tenantId);
        foreach (var hook in batches.SelectMany(b => b.Items).Select(i => i.Webhook).OfType<WebhookEvent>())
        {
            await webhook.EnqueueAsync(hook);
        }
    }

    private Task DeliverToCustomersAsync(string tenantId, IEnumerable<IGrouping<(string CustomerId, string Actor), (string Actor, SurveyDelivery Item)>> archive) =>
        Task.WhenAll(archive.Select(async g =>
        {
            try
            {
                await GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, g.Key.CustomerId))
                    .AppendSurveyEventsAsync([.. g.Select(x => x.Item.Archive)], g.Key.Actor);
            }
            catch (NotFoundException ex)
            {
                // Checked when recorded; a customer gone since has no archive to write to, and retrying cannot help.
                LogCustomerGone(ex, tenantId, g.Key.CustomerId);
            }
        }));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey deliveries of {Key} not finished; retrying.")]
    private partial void LogDeliveryFailed(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey archive entry for customer {CustomerId} of tenant {TenantId} dropped: no such customer.")]
    private partial void LogCustomerGone(Exception exception, string tenantId, string customerId);
}
