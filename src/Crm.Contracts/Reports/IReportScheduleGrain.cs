namespace Crm.Contracts.Reports;

/// <summary>
/// A tenant's report schedule (key: tenant id): weekly, monthly and quarterly reports at a local time in the tenant's
/// zone, made on a durable reminder. Every tick produces the periods due since the last completed tick, each claimed
/// in the run table first, so a period's report is made once whatever the ticks do.
/// </summary>
public interface IReportScheduleGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<ReportScheduleView> GetAsync();

    /// <summary>Sets the schedule; no kind chosen turns it off. Periods due before a schedule is first set are not made.</summary>
    Task<ReportScheduleView> SetAsync(ReportScheduleSettings settings, string actor);

    /// <summary>
    /// Makes the period's report now (any period, scheduled or not), stores it as the finished report of that period
    /// (replacing an earlier one) and announces it like a scheduled one.
    /// </summary>
    /// <exception cref="Common.ValidationFailedException">Not a period id.</exception>
    Task<ReportRun> MakeNowAsync(string period, string actor);

    /// <summary>What each reminder tick does: makes every period due since the last completed tick.</summary>
    /// <returns>The periods this call made (none when another tick or silo already made them).</returns>
    Task<ImmutableArray<string>> RunDueAsync();
}

/// <summary>Which periods get a scheduled report, and at what local time on the day after each ends.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.schedule-settings")]
public sealed record ReportScheduleSettings(
    [property: Id(0)] bool Weekly,
    [property: Id(1)] bool Monthly,
    [property: Id(2)] bool Quarterly,
    [property: Id(3)] TimeOnly At)
{
    /// <summary>Who each scheduled report is mailed to (with its PDF) when the silos have SMTP configured; none: not mailed.</summary>
    [Id(4)] public ImmutableArray<string> Recipients { get; init; } = [];
}

/// <summary>A tenant's schedule, the zone its times are in, and the next report due of each kind.</summary>
/// <param name="CheckedThrough">Every period due up to this instant has been made; null while off.</param>
[GenerateSerializer, Immutable, Alias("crm.reports.schedule-view")]
public sealed record ReportScheduleView(
    [property: Id(0)] bool Weekly,
    [property: Id(1)] bool Monthly,
    [property: Id(2)] bool Quarterly,
    [property: Id(3)] TimeOnly At,
    [property: Id(4)] string TimeZoneId,
    [property: Id(5)] DateTimeOffset? CheckedThrough,
    [property: Id(6)] ImmutableArray<ScheduledReportView> Next)
{
    /// <summary>Who each scheduled report is mailed to.</summary>
    [Id(7)] public ImmutableArray<string> Recipients { get; init; } = [];
}

/// <summary>A period whose scheduled report is due at <see cref="DueAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.scheduled-report")]
public sealed record ScheduledReportView(
    [property: Id(0)] string Period,
    [property: Id(1)] DateTimeOffset DueAt);
