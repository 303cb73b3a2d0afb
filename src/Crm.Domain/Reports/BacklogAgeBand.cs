namespace Crm.Domain.Reports;

/// <summary>How long an open case has been open at an instant; each band includes its upper edge.</summary>
public enum BacklogAgeBand
{
    UpTo2Hours = 0,
    UpTo4Hours = 1,
    UpTo24Hours = 2,
    UpTo3Days = 3,
    Over3Days = 4,
}
