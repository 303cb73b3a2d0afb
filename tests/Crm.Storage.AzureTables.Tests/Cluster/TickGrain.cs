using System.Collections.Concurrent;

namespace Crm.Storage.AzureTables.Tests.Cluster;

/// <summary>A grain woken only by its reminder, to prove reminders outlive the silos that registered them.</summary>
public interface ITickGrain : IGrainWithStringKey
{
    Task StartTickingAsync(TimeSpan dueTime, TimeSpan period);

    Task StopTickingAsync();
}

public sealed class TickGrain : Grain, ITickGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task StartTickingAsync(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task StopTickingAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Record(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

/// <summary>
/// Where <see cref="TickGrain"/> records its ticks: the test clusters run in this process, so a test can watch ticks
/// without calling (and so activating) the grain.
/// </summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Ticks = new();

    public static void Record(string key) => Ticks.GetOrAdd(key, _ => new()).Enqueue(DateTimeOffset.UtcNow);

    public static IReadOnlyList<DateTimeOffset> Of(string key) => Ticks.TryGetValue(key, out var ticks) ? [.. ticks] : [];

    /// <summary>Waits until <paramref name="key"/> has <paramref name="count"/> ticks at or after <paramref name="since"/>.</summary>
    public static async Task<bool> WaitForAsync(string key, int count, DateTimeOffset since, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Of(key).Count(t => t >= since) >= count)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
