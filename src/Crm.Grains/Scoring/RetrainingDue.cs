using Crm.Contracts.Scoring;

namespace Crm.Grains.Scoring;

/// <summary>Whether a scheduled retraining is due: a week or a calendar month after the last one (at once if none ran yet).</summary>
public static class RetrainingDue
{
    public static bool IsDue(RetrainingSchedule schedule, DateTimeOffset? last, DateTimeOffset now) => schedule switch
    {
        RetrainingSchedule.Weekly => last is not { } l || now >= l.AddDays(7),
        RetrainingSchedule.Monthly => last is not { } l || now >= l.AddMonths(1),
        _ => false,
    };
}
