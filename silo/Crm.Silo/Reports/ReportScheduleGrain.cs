using System.Collections.Immutable;
using Crm.Contracts.Common;
using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Reports;
using Crm.Grains;
using Crm.Grains.Reports;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Crm.Silo.Reports;

/// <summary>
/// Runs a tenant's report schedule on a durable reminder. Ticks are at-least-once and may come late, twice or not at
/// all during downtime, so the tick decides nothing by itself: it asks <see cref="ReportDue"/> for every period due
/// since <see cref="ReportScheduleState.CheckedThrough"/>, claims each in the run table (an insert only one caller
/// wins) and makes the ones it won. The mark moves on only past periods that are done, so a failure or a period held
/// by another maker is tried again at the next tick.
/// </summary>
public sealed partial class ReportScheduleGrain(
    [PersistentState("report-schedule", CrmStorage.Name)] IPersistentState<ReportScheduleState> state,
    IReportRunStore runs,
    IReportPublisher publisher,
    IOptions<ReportScheduleOptions> options,
    [FromKeyedServices(ReportScheduleOptions.ClockKey)] TimeProvider time,
    ILogger<ReportScheduleGrain> logger) : Grain, IReportScheduleGrain, IRemindable
{
    public const string ReminderName = "report-schedule";

    private readonly ReportScheduleOptions _options = options.Value;

    // Who this activation is, in the claims it makes: it may take back its own claim after its own failure.
    private readonly string _claimant = $"{Guid.NewGuid():N}";

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<ReportScheduleView> GetAsync() => View(await ZoneAsync());

    public async Task<ReportScheduleView> SetAsync(ReportScheduleSettings settings, string actor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var at = new TimeOnly(settings.At.Hour, settings.At.Minute);
        var schedule = new ReportSchedule(settings.Weekly, settings.Monthly, settings.Quarterly, at);
        var recipients = ReportRecipients.Normalize(settings.Recipients.IsDefault ? [] : settings.Recipients)
            ?? throw new ValidationFailedException([new FieldError("recipients", ReportRecipients.Rule)]);
        var now = time.GetUtcNow();

        // Turned on: periods due from now on; kept on: the mark stays, so nothing due before this change is skipped.
        DateTimeOffset? checkedThrough = schedule.IsEmpty ? null : state.State.CheckedThrough ?? now;
        state.State = state.State with
        {
            Weekly = schedule.Weekly, Monthly = schedule.Monthly, Quarterly = schedule.Quarterly, At = at,
            CheckedThrough = checkedThrough, UpdatedBy = actor, Recipients = [.. recipients],
        };
        await state.WriteStateAsync();
        if (schedule.IsEmpty)
        {
            await DropReminderAsync();
        }
        else
        {
            await this.RegisterOrUpdateReminder(ReminderName, _options.CheckEvery, _options.CheckEvery);
        }

        return View(await ZoneAsync());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (state.State.Schedule.IsEmpty)
        {
            await DropReminderAsync();
            return;
        }

        await RunDueAsync();
    }

    public async Task<ImmutableArray<string>> RunDueAsync()
    {
        var schedule = state.State.Schedule;
        if (schedule.IsEmpty || state.State.CheckedThrough is not { } after)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var zone = await ZoneAsync();
        var due = ReportDue.Between(schedule, zone, after, now);
        if (due.Count == 0)
        {
            // Nothing fell due: the mark may stay (the next window from it holds the same periods), which saves a
            // write per tick and never moves the mark back when the clock does.
            return [];
        }

        var made = ImmutableArray.CreateBuilder<string>();
        var checkedThrough = now;
        foreach (var d in due)
        {
            if (!await TryMakeAsync(d.Period, now))
            {
                // Not done yet: the next tick starts again just before this period's due time.
                checkedThrough = d.DueAt.AddTicks(-1);
                break;
            }
        }

        state.State = state.State with { CheckedThrough = checkedThrough };
        await state.WriteStateAsync();
        return made.ToImmutable();

        // True when the period is done, by this call (listed in `made`) or an earlier one.
        async Task<bool> TryMakeAsync(ReportPeriod period, DateTimeOffset at)
        {
            var id = period.ToString();
            var claim = await runs.TryClaimAsync(TenantId, id, _claimant, at, _options.ClaimLease);
            if (claim.Outcome == RunClaimOutcome.Done)
            {
                return true;
            }

            if (claim.Outcome == RunClaimOutcome.HeldElsewhere)
            {
                LogHeldElsewhere(TenantId, id);
                return false;
            }

            try
            {
                var published = await publisher.PublishAsync(TenantId, period);

                // Announced before the run is marked done, so a crash between the two announces again on the retry:
                // the event id is the period's, and the webhook outbox drops a repeated id.
                await GrainFactory.GetGrain<IWebhookGrain>(TenantId).EnqueueAsync(ReportReady.Event(TenantId, id, published.Language, time.GetUtcNow()));

                // Mailed the same way: queued in the tenant's mail outbox under the period's id before the run is
                // done, so a retried make queues it again and the outbox drops the repeat.
                if (state.State.Recipients is { IsDefaultOrEmpty: false } recipients)
                {
                    await GrainFactory.GetGrain<Mail.IReportMailGrain>(TenantId).EnqueueAsync(Mail.ReportMail.Scheduled(TenantId, id, published.Language, recipients));
                }

                await runs.CompleteAsync(claim, new ReportRun(
                    id, ReportRunState.Done, claim.ClaimedAt, time.GetUtcNow(), published.Language, published.Documents.ToImmutableDictionary(StringComparer.Ordinal)));
                made.Add(id);
                return true;
            }
            catch (InconsistentStateException)
            {
                LogHeldElsewhere(TenantId, id);
                return false;
            }
            catch (Exception ex)
            {
                LogMakeFailed(ex, TenantId, id);
                return false;
            }
        }
    }

    public async Task<ReportRun> MakeNowAsync(string period, string actor)
    {
        if (!ReportPeriod.TryParse(period, out var p))
        {
            throw new ValidationFailedException([new FieldError("period", "A day (2026-12-01), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4).")]);
        }

        var started = time.GetUtcNow();
        var published = await publisher.PublishAsync(TenantId, p);
        var done = time.GetUtcNow();
        var run = new ReportRun(p.ToString(), ReportRunState.Done, started, done, published.Language, published.Documents.ToImmutableDictionary(StringComparer.Ordinal));
        await runs.RecordAsync(TenantId, run);

        // Each report made on demand is news of its own: its id carries when it was made.
        var ready = ReportReady.Event(TenantId, run.Period, run.Language, done);
        await GrainFactory.GetGrain<IWebhookGrain>(TenantId).EnqueueAsync(ready with { EventId = $"{ready.EventId}/{done.UtcTicks}" });
        LogMadeOnDemand(TenantId, run.Period, actor);
        return run;
    }

    private ReportScheduleView View(TimeZoneInfo zone)
    {
        var s = state.State;
        var next = s.Schedule.IsEmpty ? [] : ReportDue.Next(s.Schedule, zone, time.GetUtcNow());
        return new ReportScheduleView(
            s.Weekly, s.Monthly, s.Quarterly, s.At, zone.Id, s.CheckedThrough,
            [.. next.Select(n => new ScheduledReportView(n.Period.ToString(), n.DueAt))])
        {
            Recipients = s.Recipients.IsDefault ? [] : s.Recipients,
        };
    }

    /// <summary>The tenant's zone is its SLA calendar's, as for the aggregates.</summary>
    private async Task<TimeZoneInfo> ZoneAsync()
    {
        var policy = await GrainFactory.GetGrain<IServiceDeskGrain>(TenantId).GetSlaPolicyAsync();
        return ReportClock.Zone(policy.Calendar.TimeZoneId);
    }

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Period} of tenant {TenantId} made on demand by {Actor}.")]
    private partial void LogMadeOnDemand(string tenantId, string period, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Period} of tenant {TenantId} is held by another maker; trying again at the next tick.")]
    private partial void LogHeldElsewhere(string tenantId, string period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Making report {Period} of tenant {TenantId} failed; trying again at the next tick.")]
    private partial void LogMakeFailed(Exception exception, string tenantId, string period);
}
