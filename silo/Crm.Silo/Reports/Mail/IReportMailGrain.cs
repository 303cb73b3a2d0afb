using System.Collections.Immutable;

namespace Crm.Silo.Reports.Mail;

/// <summary>
/// A tenant's outbox of report mails (key: tenant id). Enqueue stores the mail and returns; a timer sends it through
/// SMTP with retries, a durable reminder resumes it after a restart. Only silos talk to it, so it lives with the host.
/// </summary>
public interface IReportMailGrain : IGrainWithStringKey
{
    /// <summary>Queues a mail; idempotent per <see cref="ReportMail.Id"/>; does nothing when SMTP is not configured.</summary>
    Task EnqueueAsync(ReportMail mail);

    /// <summary>What is pending and how the latest mails went.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ReportMailStatus> GetStatusAsync();
}

/// <summary>One finished report to mail, with its PDF read from the stored documents when it is sent.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.mail")]
public sealed record ReportMail(
    [property: Id(0)] string Id,
    [property: Id(1)] string Period,
    [property: Id(2)] string Language,
    [property: Id(3)] ImmutableArray<string> Recipients)
{
    /// <summary>One id per tenant and period: a retried make queues the same mail, which the outbox drops.</summary>
    public static ReportMail Scheduled(string tenantId, string period, string language, ImmutableArray<string> recipients) =>
        new($"report.mail/{tenantId}/{period}", period, language, recipients);
}

[GenerateSerializer, Immutable, Alias("crm.reports.mail-status")]
public sealed record ReportMailStatus(
    [property: Id(0)] ImmutableArray<ReportMailEntry> Pending,
    [property: Id(1)] ImmutableArray<ReportMailEntry> Recent);

/// <summary>A mail and how its delivery has gone; <see cref="SentAt"/> set once the server accepted it.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.mail-entry")]
public sealed record ReportMailEntry(
    [property: Id(0)] ReportMail Mail,
    [property: Id(1)] int Attempts,
    [property: Id(2)] DateTimeOffset NextAttemptAt,
    [property: Id(3)] string? LastError = null,
    [property: Id(4)] DateTimeOffset? SentAt = null,
    [property: Id(5)] bool GaveUp = false);

[GenerateSerializer, Immutable, Alias("crm.reports.mail-state")]
public sealed record ReportMailState
{
    /// <summary>Mails awaiting delivery, oldest first.</summary>
    [Id(0)] public ImmutableArray<ReportMailEntry> Pending { get; init; } = [];

    /// <summary>The latest finished mails, newest first.</summary>
    [Id(1)] public ImmutableArray<ReportMailEntry> Recent { get; init; } = [];

    /// <summary>Ids of the latest finished mails, oldest first, so a repeated enqueue is not sent again.</summary>
    [Id(2)] public ImmutableArray<string> FinishedIds { get; init; } = [];
}
