namespace Crm.Silo.Reports;

/// <summary>How the silos run tenants' report schedules (<c>Crm:Reports:Schedule</c>).</summary>
public sealed class ReportScheduleOptions
{
    public const string SectionName = "Crm:Reports:Schedule";

    /// <summary>The DI key of the clock schedules read, so a test can move time for schedules alone.</summary>
    public const string ClockKey = "crm.reports.schedule-clock";

    /// <summary>How often a tenant's schedule checks for due periods (its reminder's period): a report comes at most this late.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an unfinished claim holds before another maker may take the period over (its maker died).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);
}
