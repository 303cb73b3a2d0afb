namespace Crm.Contracts;

/// <summary>Names of our own telemetry sources, shared by the code that emits and the hosts that export.</summary>
public static class CrmTelemetry
{
    public const string MeterName = "Crm";
    public const string ActivitySourceName = "Crm";
}
