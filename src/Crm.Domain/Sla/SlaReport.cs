namespace Crm.Domain.Sla;

/// <summary>
/// The SLA of one case at one instant. <see cref="NextDueAt"/> is the next instant a status changes by the clock
/// alone (a warning or a breach): the grain sets its reminder there; null when nothing is left to happen (all targets
/// done or breached, or the only running target is paused).
/// </summary>
public sealed record SlaReport(int PolicyVersion, SlaTargetReport FirstResponse, SlaTargetReport Resolution, DateTimeOffset? NextDueAt);
