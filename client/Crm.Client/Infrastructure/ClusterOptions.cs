namespace Crm.Client.Infrastructure;

/// <summary>How the front end reaches the cluster's gateway (loopback by default, like the silo).</summary>
public sealed class CrmClusterOptions
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "crm";
    public string ServiceId { get; set; } = "crm";
    public int GatewayPort { get; set; } = 30000;
}
