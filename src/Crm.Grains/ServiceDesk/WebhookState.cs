using Crm.Contracts.ServiceDesk;

namespace Crm.Grains.ServiceDesk;

/// <summary>
/// What a tenant's webhook grain persists: the receiver, its secret (the grain storage encrypts the whole state),
/// the outbox in enqueue order, and the latest finished deliveries.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.webhook-state")]
public sealed record WebhookState
{
    [Id(0)] public string? Url { get; init; }
    [Id(1)] public string? Secret { get; init; }
    [Id(2)] public DateTimeOffset? ChangedAt { get; init; }
    [Id(3)] public string? ChangedBy { get; init; }

    /// <summary>Events awaiting delivery, oldest first.</summary>
    [Id(4)] public ImmutableArray<WebhookOutboxEntry> Pending { get; init; } = [];

    /// <summary>The latest finished deliveries, newest first, for the status.</summary>
    [Id(5)] public ImmutableArray<WebhookDelivery> Recent { get; init; } = [];

    /// <summary>Ids of the latest finished events, oldest first, so a repeated enqueue is not delivered again.</summary>
    [Id(6)] public ImmutableArray<string> FinishedIds { get; init; } = [];

    /// <summary>Events dropped because the outbox was full.</summary>
    [Id(7)] public long Dropped { get; init; }
}

/// <summary>One pending event and how its delivery has gone so far.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.webhook-outbox-entry")]
public sealed record WebhookOutboxEntry(
    [property: Id(0)] WebhookEvent Event,
    [property: Id(1)] int Attempts,
    [property: Id(2)] DateTimeOffset NextAttemptAt,
    [property: Id(3)] int? LastStatusCode = null,
    [property: Id(4)] string? LastError = null,
    [property: Id(5)] DateTimeOffset? LastAttemptAt = null);
