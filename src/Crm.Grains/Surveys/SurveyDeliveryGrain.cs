using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Surveys;

/// <summary>
/// Empties a survey's outbox: reads the oldest batches, appends their entries to each customer's archive (one call
/// per customer for several batches together), enqueues their webhook events, then deletes them. A failure leaves
/// the batches in place and a timer tries again; receivers drop repeats by id, so nothing is delivered twice.
/// </summary>
public sealed partial class SurveyDeliveryGrain(ISurveyResponseStore store, ILogger<SurveyDeliveryGrain> logger) : Grain, ISurveyDeliveryGrain
{
    /// <summary>Batches delivered together: more of them means fewer, larger calls to each customer's grain.</summary>
    public const int BatchesPerRound = 10;
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    private IGrainTimer? _timer;

    private (string TenantId, string SurveyId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public Task PokeAsync()
    {
        // Due at once; the period only matters after a failed round (a finished run disposes the timer).
        _timer ??= this.RegisterGrainTimer(_ => DeliverAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, RetryPeriod) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<int> PendingAsync()
    {
        var (tenantId, surveyId) = Key;
        return (await store.ReadOutboxAsync(tenantId, surveyId, int.MaxValue)).Count;
    }

    private async Task DeliverAsync()
    {
        var (tenantId, surveyId) = Key;
        try
        {
            while (true)
            {
                var batches = await store.ReadOutboxAsync(tenantId, surveyId, BatchesPerRound);
                if (batches.Count == 0)
                {
                    _timer?.Dispose();
                    _timer = null;
                    return;
                }

                await DeliverAsync(tenantId, batches);
                await store.DeleteOutboxAsync(tenantId, surveyId, [.. batches.Select(b => b.Number)]);
            }
        }
        catch (Exception ex)
        {
            // The batches stay in the outbox; the timer's next tick tries them again.
            LogDeliveryFailed(ex, this.GetPrimaryKeyString());
        }
    }

    private async Task DeliverAsync(string tenantId, IReadOnlyList<SurveyOutboxBatch> batches)
    {
        // The customers' grains and archive partitions are independent: one call each, all at once.
        var archive = batches.SelectMany(b => b.Items.Select(item => (b.Actor, Item: item)))
            .GroupBy(x => (x.Item.CustomerId, x.Actor));
        await Task.WhenAll(archive.Select(async g =>
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

        var webhook = GrainFactory.GetGrain<IWebhookGrain>(tenantId);
        foreach (var hook in batches.SelectMany(b => b.Items).Select(i => i.Webhook).OfType<WebhookEvent>())
        {
            await webhook.EnqueueAsync(hook);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey deliveries of {Key} not finished; retrying.")]
    private partial void LogDeliveryFailed(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey archive entry for customer {CustomerId} of tenant {TenantId} dropped: no such customer.")]
    private partial void LogCustomerGone(Exception exception, string tenantId, string customerId);
}
