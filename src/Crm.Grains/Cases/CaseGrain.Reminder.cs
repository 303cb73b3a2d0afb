using Crm.Domain.Sla;
using Orleans.Runtime;

namespace Crm.Grains.Cases;

/// <summary>
/// The SLA clock's wake-up: a grain timer while the activation lives, and a reminder for when it does not. The
/// reminder alone is not enough: Orleans arms its local timer only once the reminder row is stored, and a due time that
/// passed meanwhile (a slow table write on a loaded machine) is skipped to the next period, a minute later. The timer
/// is armed before that write and fires on time; whichever comes first catches the clock up, the other finds nothing due.
/// </summary>
public sealed partial class CaseGrain
{
    private const string SlaReminder = "sla";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    // Timers can fire a little early; aiming just past the deadline means the clock has really reached it.
    private static readonly TimeSpan ReminderMargin = TimeSpan.FromMilliseconds(250);

    private IGrainTimer? _slaTimer;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SlaReminder)
        {
            return;
        }

        if (!state.State.IsOpen)
        {
            // Nothing is left to measure; whatever the bookkeeping says, this reminder must not tick again.
            DisarmSlaTimer();
            await DropReminderAsync();
            state.State = state.State with { ReminderDueAt = null };
            return;
        }

        await CatchUpAndSettleAsync();
    }

    private async Task SyncReminderAsync(SlaReport? report, DateTimeOffset now)
    {
        var desired = report?.NextDueAt;
        if (desired == state.State.ReminderDueAt)
        {
            return;
        }

        if (desired is { } due)
        {
            var wait = due - now + ReminderMargin;
            wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            ArmSlaTimer(wait);
            await this.RegisterOrUpdateReminder(SlaReminder, wait, ReminderPeriod);
        }
        else
        {
            DisarmSlaTimer();
            await DropReminderAsync();
        }

        state.State = state.State with { ReminderDueAt = desired };
    }

    private void ArmSlaTimer(TimeSpan wait)
    {
        DisarmSlaTimer();
        _slaTimer = this.RegisterGrainTimer(OnSlaTimerAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
    }

    private void DisarmSlaTimer()
    {
        _slaTimer?.Dispose();
        _slaTimer = null;
    }

    private async Task OnSlaTimerAsync(CancellationToken cancellationToken)
    {
        // Disposing the one-shot timer cancels the token it passed, so what follows must not take that token.
        DisarmSlaTimer();
        if (state.State.IsOpen)
        {
            await CatchUpAndSettleAsync();
        }
    }

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(SlaReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
