namespace Crm.Domain.Reports;

/// <summary>
/// A tenant's report schedule: which kinds of period get a report, made at <see cref="At"/> (local time in the tenant's
/// zone) on the first day after each period ends. Days have no schedule: a day's report is made on demand.
/// </summary>
public sealed record ReportSchedule(bool Weekly, bool Monthly, bool Quarterly, TimeOnly At)
{
    /// <summary>08:00: the morning after a period, when an account manager starts the day.</summary>
    public static readonly TimeOnly DefaultAt = new(8, 0);

    public static ReportSchedule None { get; } = new(false, false, false, DefaultAt);

    public bool IsEmpty => !Weekly && !Monthly && !Quarterly;

    /// <summary>The scheduled kinds, shortest first.</summary>
    public IReadOnlyList<ReportPeriodKind> Kinds =>
    [
        .. Weekly ? [ReportPeriodKind.Week] : Array.Empty<ReportPeriodKind>(),
        .. Monthly ? [ReportPeriodKind.Month] : Array.Empty<ReportPeriodKind>(),
        .. Quarterly ? [ReportPeriodKind.Quarter] : Array.Empty<ReportPeriodKind>(),
    ];
}
