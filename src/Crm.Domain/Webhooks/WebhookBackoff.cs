namespace Crm.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: the first attempt goes at once, and the n-th failure waits the schedule's
/// n-th delay; a failure beyond the schedule is final (so a schedule of 8 delays allows 9 attempts).
/// </summary>
public static class WebhookBackoff
{
    /// <summary>10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h: about 8 hours of retries after the first attempt.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultSchedule =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
    ];

    /// <summary>
    /// The delay before the next attempt after <paramref name="failedAttempts"/> failures (1 or more), or null when
    /// the schedule is used up and the event has failed for good. An empty schedule allows one attempt only.
    /// </summary>
    public static TimeSpan? NextDelay(IReadOnlyList<TimeSpan> schedule, int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        return failedAttempts <= schedule.Count ? schedule[failedAttempts - 1] : null;
    }
}
