namespace Crm.Domain.Reports;

/// <summary>Where a report's availability figure comes from: the platform's own figure wins over the product's measure.</summary>
public enum AvailabilitySource
{
    None = 0,
    Measured = 1,
    Posted = 2,
}
