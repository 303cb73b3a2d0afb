using Crm.Grains;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Backup;

/// <summary>
/// Checks every <see cref="BackupOptions.CheckEvery"/> whether a backup is due and writes it. Reminder ticks are
/// at-least-once and may come late or twice, so the due time in state decides, not the tick: a repeated tick finds
/// the next backup not yet due. A failed backup stays due and is tried again at the next tick.
/// </summary>
public sealed partial class ScheduledBackupGrain(
    [PersistentState("backup-schedule", CrmStorage.Name)] IPersistentState<ScheduledBackupState> state,
    BackupRunner runner,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<ScheduledBackupGrain> logger) : Grain, IScheduledBackupGrain, IRemindable
{
    private const string ReminderName = "scheduled-backup";
    private readonly BackupOptions _options = options.Value;

    public async Task EnsureScheduleAsync()
    {
        if (!_options.Enabled)
        {
            await DropAsync();
            return;
        }

        if (state.State.NextDueAt is null)
        {
            // The first backup comes one interval after backups are first enabled, as an operator would expect.
            state.State = state.State with { NextDueAt = time.GetUtcNow() + _options.Interval };
            await state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(ReminderName, _options.CheckEvery, _options.CheckEvery);
    }

    public Task<DateTimeOffset?> GetNextDueAsync() => Task.FromResult(state.State.NextDueAt);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!_options.Enabled)
        {
            await DropAsync();
            return;
        }

        var now = time.GetUtcNow();
        if (state.State.NextDueAt is { } due && now < due)
        {
            return;
        }

        try
        {
            await runner.RunOnceAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogBackupFailed(ex, _options.Folder);
            return;
        }

        state.State = state.State with { NextDueAt = now + _options.Interval };
        await state.WriteStateAsync();
    }

    private async Task DropAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        if (state.State.NextDueAt is not null)
        {
            state.State = state.State with { NextDueAt = null };
            await state.WriteStateAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup into {Folder} failed; trying again at the next check.")]
    private partial void LogBackupFailed(Exception exception, string folder);
}
