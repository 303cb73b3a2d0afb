namespace Crm.Contracts;

/// <summary>Names of our own telemetry sources, shared by the code that emits and the hosts that export.</summary>
public static class CrmTelemetry
{
    public const string MeterName = "Crm";
    public const string ActivitySourceName = "Crm";

    /// <summary>Seconds spent scoring comments while survey responses are recorded (a counter; the bench reads it for the scoring share of an import).</summary>
    public const string SurveyScoringSeconds = "crm.surveys.scoring.seconds";
}
