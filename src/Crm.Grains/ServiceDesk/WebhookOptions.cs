using Crm.Domain.Webhooks;

namespace Crm.Grains.ServiceDesk;

/// <summary>How tenants' webhooks are delivered, bound from <see cref="SectionName"/>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Crm:Webhooks";

    /// <summary>The named <c>HttpClient</c> deliveries use (registered by the silo with <see cref="Timeout"/>).</summary>
    public const string HttpClientName = "crm-webhooks";

    /// <summary>Delays after the 1st, 2nd, ... failure; empty means <see cref="WebhookBackoff.DefaultSchedule"/>.</summary>
    /// <remarks>Empty by default because configuration binding appends to a list rather than replacing it.</remarks>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events kept per tenant awaiting delivery; when full, the oldest is dropped and counted.</summary>
    public int MaxPending { get; set; } = 1000;

    /// <summary>
    /// Period of the durable reminder held while anything is pending, which brings the outbox back after a restart or
    /// deactivation; Orleans refuses periods under its <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<TimeSpan> EffectiveSchedule => RetrySchedule.Count > 0 ? RetrySchedule : WebhookBackoff.DefaultSchedule;
}
