namespace Crm.Contracts.ServiceDesk;

/// <summary>
/// An event for the tenant's own systems. <see cref="EventId"/> is stable across retries, so receivers can drop
/// duplicates. <see cref="Type"/> is e.g. "case.sla_warning", "case.sla_breached", "case.escalated".
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.webhook-event")]
public sealed record WebhookEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string CaseId,
    [property: Id(4)] string Summary,
    [property: Id(5)] ImmutableDictionary<string, string> Data);

/// <summary>
/// The tenant's outgoing webhook (keyed by tenant id): a URL, a signing secret, and an outbox delivered with
/// retries. Enqueueing never waits for the receiver.
/// </summary>
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Queues an event for delivery; does nothing when no webhook is configured. Idempotent per event id.</summary>
    Task EnqueueAsync(WebhookEvent webhookEvent);

    /// <summary>
    /// Queues events in order while the outbox has room, never dropping one already queued: returns how many of them,
    /// from the first, are taken (a repeat of one queued or delivered counts as taken; without a configured webhook all
    /// are). A sender with many events (a large campaign's invitations) offers the rest again once room is made.
    /// </summary>
    Task<int> OfferAsync(ImmutableArray<WebhookEvent> events);

    /// <summary>
    /// Sets the receiver URL (https, or http on localhost / 127.0.0.1) with a new signing secret, returned only here;
    /// a null URL removes the webhook and drops what was pending.
    /// </summary>
    Task<WebhookSettingsView> ConfigureAsync(string? url, string actor);

    /// <summary>A new signing secret for the configured URL, returned only here; not found when none is configured.</summary>
    Task<WebhookSettingsView> RotateSecretAsync(string actor);

    /// <summary>The URL, the secret's hint, the outbox and the latest deliveries.</summary>
    Task<WebhookStatus> GetStatusAsync();
}
