namespace Crm.Silo.Reports.Availability;

/// <summary>How often a silo checks whether it owes this minute's heartbeat.</summary>
public sealed class AvailabilityOptions
{
    public const string SectionName = "Crm:Reports:Availability";

    /// <summary>Well under a minute, so no minute is skipped when a tick is late.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(15);
}
