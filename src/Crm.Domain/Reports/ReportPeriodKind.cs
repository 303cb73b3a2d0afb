namespace Crm.Domain.Reports;

/// <summary>The calendar periods a report covers, in the tenant's time zone. Stored: never renumber.</summary>
public enum ReportPeriodKind
{
    Day = 0,

    /// <summary>An ISO 8601 week: Monday to Sunday, numbered in the ISO week-year.</summary>
    Week = 1,

    Month = 2,
    Quarter = 3,
}
