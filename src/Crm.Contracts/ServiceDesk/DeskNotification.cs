using Crm.Domain.Sla;

namespace Crm.Contracts.ServiceDesk;

/// <summary>What a team-lead notification is about. Stored: never renumber.</summary>
public enum DeskNotificationKind
{
    SlaWarning = 0,
    SlaBreached = 1,
    Escalated = 2,
}

/// <summary>A notice for the tenant's team leads; the UI shows the newest first.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.notification")]
public sealed record DeskNotification(
    [property: Id(0)] string NotificationId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DeskNotificationKind Kind,
    [property: Id(3)] string CaseId,
    [property: Id(4)] string Message,
    [property: Id(5)] SlaTarget? Target = null);

[GenerateSerializer, Immutable, Alias("crm.service-desk.notification-page")]
public sealed record DeskNotificationPage(
    [property: Id(0)] ImmutableArray<DeskNotification> Items,
    [property: Id(1)] string? ContinuationToken);

/// <summary>The team leads' notification feed of one tenant (keyed by tenant id).</summary>
public interface IDeskNotificationGrain : IGrainWithStringKey
{
    /// <summary>Posts a notice; posting the same id again changes nothing.</summary>
    Task PostAsync(DeskNotification notification);

    /// <summary>Replaces the messages about one case, whose customer's personal data was erased; idempotent.</summary>
    Task RedactCaseAsync(string caseId, string message);

    /// <summary>Newest first.</summary>
    Task<DeskNotificationPage> ListAsync(int pageSize, string? continuationToken);
}
