using MailKit.Security;

namespace Crm.Silo.Reports.Mail;

/// <summary>
/// The SMTP server finished scheduled reports are mailed through (<c>Crm:Reports:Mail</c>); no host: not mailed.
/// The password is read here and handed to the server only: it is never logged and never in a grain's state.
/// </summary>
public sealed class ReportMailOptions
{
    public const string SectionName = "Crm:Reports:Mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, Auto, SslOnConnect (465) or StartTls (587); StartTls refuses a server without TLS.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. reports@example.com.</summary>
    public string From { get; set; } = "reports@localhost";

    /// <summary>How long one delivery (connect, send, quit) may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delays after the 1st, 2nd, ... failure; empty means <see cref="Domain.Webhooks.WebhookBackoff.DefaultSchedule"/>.</summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>Period of the durable reminder held while a mail is pending, which resumes the outbox after a restart.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IReadOnlyList<TimeSpan> EffectiveSchedule => RetrySchedule.Count > 0 ? RetrySchedule : Domain.Webhooks.WebhookBackoff.DefaultSchedule;
}
