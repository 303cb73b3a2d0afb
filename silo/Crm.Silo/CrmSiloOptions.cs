namespace Crm.Silo;

/// <summary>Where the silo listens. Loopback by default: the front end is the only door to the cluster.</summary>
public sealed class CrmSiloOptions
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "crm";
    public string ServiceId { get; set; } = "crm";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
