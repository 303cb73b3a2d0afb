using Crm.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Reports.Mail;

/// <summary>
/// A tenant's report-mail outbox, shaped like the webhook's: a mail is stored before it is sent, sent by a timer on
/// its own backoff, and marked finished in the same state, so a retried make or a restart never sends it twice; a
/// durable reminder is held while anything is pending. The one gap SMTP leaves (the server accepted the mail and the
/// answer or our write was lost) resends the same Message-ID, which receiving servers drop.
/// </summary>
public sealed partial class ReportMailGrain(
    [PersistentState("report-mail", Crm.Grains.CrmStorage.Name)] IPersistentState<ReportMailState> state,
    IReportMailSender sender,
    IOptions<ReportMailOptions> options,
    TimeProvider time,
    ILogger<ReportMailGrain> logger) : Grain, IReportMailGrain, IRemindable
{
    private const string ReminderName = "report-mail";
    private const int RecentLimit = 20;
    private const int FinishedIdLimit = 500;
    private const int MaxErrorLength = 200;
    private const int MaxPending = 100;

    private IGrainTimer? _timer;
    private bool? _reminderHeld;

    private ReportMailOptions Options => options.Value;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Pending.Length > 0)
        {
            await SyncReminderAsync();
            Kick();
        }
    }

    public async Task EnqueueAsync(ReportMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!Options.IsConfigured || mail.Recipients.IsDefaultOrEmpty)
        {
            return;
        }

        var current = state.State;
        if (current.Pending.Any(p => p.Mail.Id == mail.Id) || current.FinishedIds.Contains(mail.Id))
        {
            // A repeat (a retried make): stored already; make sure the reminder that resumes it is held.
            await SyncReminderAsync();
            return;
        }

        if (current.Pending.Length >= MaxPending)
        {
            throw new InvalidOperationException($"The report mail outbox of tenant {TenantId} is full.");
        }

        state.State = current with { Pending = current.Pending.Add(new ReportMailEntry(mail, 0, time.GetUtcNow())) };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not claim what storage lacks: reload on the next call, where the retry finds the truth.
            DeactivateOnIdle();
            throw;
        }

        await SyncReminderAsync();
        Kick();
    }

    public Task<ReportMailStatus> GetStatusAsync() => Task.FromResult(new ReportMailStatus(state.State.Pending, state.State.Recent));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Kick();
        return Task.CompletedTask;
    }

    private void Kick() => Schedule(TimeSpan.Zero);

    private void Schedule(TimeSpan dueTime)
    {
        // Not interleaved: a pass and the calls take turns, so each write carries the ETag of the one before. A
        // pass holds the grain for one SMTP exchange at most (ReportMailOptions.Timeout) per due mail, and only the
        // schedule grain calls it, a few times a month.
        _timer ??= this.RegisterGrainTimer(_ => SendDueAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private async Task SendDueAsync()
    {
        var now = time.GetUtcNow();
        foreach (var entry in state.State.Pending.Where(p => p.NextAttemptAt <= now).ToList())
        {
            string? error = null;
            try
            {
                await sender.SendAsync(TenantId, entry.Mail);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = Shorten(ex.Message);
                LogSendFailed(TenantId, entry.Mail.Period, entry.Attempts + 1, error);
            }

            state.State = Record(state.State, entry.Mail.Id, error, time.GetUtcNow());
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception ex)
            {
                // Storage holds the truth; a fresh activation (the reminder brings one) resumes from it.
                LogWriteFailed(ex, TenantId);
                DeactivateOnIdle();
                return;
            }
        }

        await SyncReminderAsync();
        if (state.State.Pending.Length > 0)
        {
            var wait = state.State.Pending.Min(p => p.NextAttemptAt) - time.GetUtcNow();
            Schedule(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
    }

    private ReportMailState Record(ReportMailState s, string id, string? error, DateTimeOffset now)
    {
        var index = s.Pending.IndexOf(s.Pending.First(p => p.Mail.Id == id));
        var entry = s.Pending[index];
        var attempts = entry.Attempts + 1;
        if (error is null)
        {
            ReportMailMetrics.Sent.Add(1);
            return Finish(s, index, entry with { Attempts = attempts, LastError = null, SentAt = now });
        }

        if (WebhookBackoff.NextDelay(Options.EffectiveSchedule, attempts) is { } delay)
        {
            return s with { Pending = s.Pending.SetItem(index, entry with { Attempts = attempts, NextAttemptAt = now + delay, LastError = error }) };
        }

        ReportMailMetrics.Failed.Add(1);
        LogGaveUp(TenantId, entry.Mail.Period, attempts, error);
        return Finish(s, index, entry with { Attempts = attempts, LastError = error, GaveUp = true });
    }

    private static ReportMailState Finish(ReportMailState s, int index, ReportMailEntry done)
    {
        var finished = s.FinishedIds.Add(done.Mail.Id);
        return s with
        {
            Pending = s.Pending.RemoveAt(index),
            Recent = [.. s.Recent.Insert(0, done).Take(RecentLimit)],
            FinishedIds = finished.Length > FinishedIdLimit ? finished.RemoveRange(0, finished.Length - FinishedIdLimit) : finished,
        };
    }

    private async Task SyncReminderAsync()
    {
        var wanted = state.State.Pending.Length > 0;
        if (wanted && _reminderHeld != true)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Options.ReminderPeriod, Options.ReminderPeriod);
            _reminderHeld = true;
        }
        else if (!wanted && _reminderHeld != false)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderHeld = false;
        }
    }

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];

    // The server's own words are logged; they never hold our credentials (MailKit does not echo them).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailing report {Period} of tenant {TenantId} failed (attempt {Attempt}): {Error}")]
    private partial void LogSendFailed(string tenantId, string period, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up mailing report {Period} of tenant {TenantId} after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(string tenantId, string period, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report mail outbox of tenant {TenantId} not written after a delivery; resuming from storage.")]
    private partial void LogWriteFailed(Exception exception, string tenantId);
}
