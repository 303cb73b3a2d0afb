using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Surveys;

/// <summary>
/// Empties a survey's outbox: reads the oldest batches, appends their entries to each customer's archive (one call
/// per customer for several batches together), offers their webhook events to the tenant's webhook as its outbox has
/// room (a large campaign's invitations wait here for the receiver to catch up rather than push older events out of
/// the webhook's bounded outbox), then deletes the batches fully handed over, once the survey has been quiet for a moment. A failure leaves the batches in place and the next tick tries again; receivers drop
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

    // What this activation has handed over of batches still in the outbox (a batch waiting for webhook room is read
    // again each tick): the batches whose archive entries went out, and how many of each batch's webhook events were taken.
    private readonly HashSet<long> _archived = [];
    private readonly Dictionary<long, int> _offered = [];

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

            var done = await DeliverAsync(tenantId, batches);
            if (done.Count > 0)
            {
                await store.DeleteOutboxAsync(tenantId, surveyId, done);
                foreach (var number in done)
                {
                    _archived.Remove(number);
                    _offered.Remove(number);
                }
            }

            _waitingSince = DateTimeOffset.UtcNow;
        }
        catch (Exception ex)
        {
            // The batches stay in the outbox; the timer's next tick tries them again.
            LogDeliveryFailed(ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>Hands the batches over, oldest first; returns the batches fully handed over (a prefix: the webhook's room may end it).</summary>
    private async Task<List<long>> DeliverAsync(string tenantId, IReadOnlyList<SurveyOutboxBatch> batches)
    {
        // The customers' grains and archive partitions are independent: one call each, a bounded number at a time.
        var archive = batches.Where(b => !_archived.Contains(b.Number)).SelectMany(b => b.Items.Select(item => (b.Actor, Item: item)))
            .GroupBy(x => (x.Item.CustomerId, x.Actor));
        foreach (var part in archive.Chunk(CustomersInFlight))
        {
            await DeliverToCustomersAsync(tenantId, part);
        }

        _archived.UnionWith(batches.Select(b => b.Number));
        var webhook = GrainFactory.GetGrain<IWebhookGrain>(tenantId);
        var done = new List<long>();
        foreach (var batch in batches)
        {
            var hooks = batch.Items.Select(i => i.Webhook).OfType<WebhookEvent>().Skip(_offered.GetValueOrDefault(batch.Number)).ToImmutableArray();
            var taken = hooks.IsEmpty ? 0 : await webhook.OfferAsync(hooks);
            _offered[batch.Number] = _offered.GetValueOrDefault(batch.Number) + taken;
            if (taken < hooks.Length)
            {
                // The webhook's outbox is full: the rest waits for the receiver; the next tick offers it again.
                LogWaitingForWebhook(this.GetPrimaryKeyString(), hooks.Length - taken);
                break;
            }

            done.Add(batch.Number);
        }

        return done;
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Survey deliveries of {Key}: {Count} webhook events wait for room in the tenant's webhook outbox.")]
    private partial void LogWaitingForWebhook(string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey deliveries of {Key} not finished; retrying.")]
    private partial void LogDeliveryFailed(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey archive entry for customer {CustomerId} of tenant {TenantId} dropped: no such customer.")]
    private partial void LogCustomerGone(Exception exception, string tenantId, string customerId);
}
