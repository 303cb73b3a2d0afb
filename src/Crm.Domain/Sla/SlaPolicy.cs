namespace Crm.Domain.Sla;

/// <summary>
/// A tenant's SLA targets. Each change makes a new <see cref="Version"/>; a case is measured against the version in
/// force when it opened, so a grain stores the version with the case and keeps old versions readable.
/// Targets are working time of <see cref="Calendar"/>.
/// </summary>
public sealed record SlaPolicy
{
    public static SlaPolicy Default { get; } = new();

    public int Version { get; init; } = 1;

    /// <summary>From the report to the first public response.</summary>
    public TimeSpan FirstResponse { get; init; } = TimeSpan.FromHours(2);

    /// <summary>From the report to resolution, for a case of normal severity.</summary>
    public TimeSpan Resolution { get; init; } = TimeSpan.FromHours(4);

    /// <summary>From the report to resolution, for a case of major severity.</summary>
    public TimeSpan MajorResolution { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The share of a target after which the case is flagged as at risk.</summary>
    public double WarningShare { get; init; } = 0.75;

    public SlaCalendar Calendar { get; init; } = SlaCalendar.AlwaysOpen;
}
