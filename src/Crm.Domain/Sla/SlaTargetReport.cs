namespace Crm.Domain.Sla;

/// <summary>
/// One target (first response or resolution) at one instant. While the clock is paused, <see cref="DueAt"/> (and
/// <see cref="WarningAt"/> if not yet reached) are provisional: where they would land if the case resumed now.
/// </summary>
/// <param name="Target">The working time allowed.</param>
/// <param name="Left">Working time left before the deadline; negative once overdue; frozen at completion.</param>
public sealed record SlaTargetReport(
    TimeSpan Target,
    DateTimeOffset WarningAt,
    DateTimeOffset DueAt,
    TimeSpan Left,
    SlaStatus Status,
    bool IsPaused,
    DateTimeOffset? CompletedAt);
