namespace Crm.Contracts.ServiceDesk;

/// <summary>
/// A webhook's settings after a change. <see cref="Secret"/> (64 hex digits) is present only in the answer to the
/// change that made it; afterwards only <see cref="SecretHint"/>, its last 4 characters, is shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.webhook-settings")]
public sealed record WebhookSettingsView(
    [property: Id(0)] string? Url,
    [property: Id(1)] string? Secret,
    [property: Id(2)] string? SecretHint,
    [property: Id(3)] DateTimeOffset? ChangedAt,
    [property: Id(4)] string? ChangedBy);

/// <summary>Where one event stands. Stored: never renumber.</summary>
public enum WebhookDeliveryState
{
    Pending = 0,
    Delivered = 1,
    FailedPermanently = 2,
}

/// <summary>One event's delivery: attempts so far and how the last one went.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.webhook-delivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] WebhookDeliveryState State,
    [property: Id(3)] int Attempts,
    [property: Id(4)] int? LastStatusCode,
    [property: Id(5)] string? LastError,
    [property: Id(6)] DateTimeOffset? LastAttemptAt,
    [property: Id(7)] DateTimeOffset? NextAttemptAt);

/// <summary>
/// A webhook's status: <see cref="Deliveries"/> lists up to 20 pending events (oldest first), then the latest 20
/// finished ones (newest first). <see cref="Dropped"/> counts events dropped because the outbox was full.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.webhook-status")]
public sealed record WebhookStatus(
    [property: Id(0)] string? Url,
    [property: Id(1)] string? SecretHint,
    [property: Id(2)] int Pending,
    [property: Id(3)] long Dropped,
    [property: Id(4)] ImmutableArray<WebhookDelivery> Deliveries,
    [property: Id(5)] DateTimeOffset? ChangedAt,
    [property: Id(6)] string? ChangedBy);
