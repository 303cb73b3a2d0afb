namespace Crm.Domain.Reports;

/// <summary>What the platform may post as its availability figure for a period.</summary>
public static class AvailabilityRules
{
    public const int NoteMaxLength = 500;
    public const string PercentRule = "A percentage from 0 to 100.";

    public static bool IsPercent(double percent) => double.IsFinite(percent) && percent is >= 0 and <= 100;

    /// <summary>The figure a report uses: posted when the platform posted one, else measured, else none.</summary>
    public static (AvailabilitySource Source, double? Percent) Choose(double? posted, AvailabilityMeasure measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        return posted is { } p ? (AvailabilitySource.Posted, p)
            : measured.Percent is { } m ? (AvailabilitySource.Measured, m)
            : (AvailabilitySource.None, null);
    }
}
