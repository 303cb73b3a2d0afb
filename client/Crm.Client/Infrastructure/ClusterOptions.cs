namespace Crm.Client.Infrastructure;

/// <summary>Which cluster the front end joins; its gateways are listed in the membership table in storage.</summary>
public sealed class CrmClusterOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Azurite on its standard ports, as for the silo.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public string ClusterId { get; set; } = "crm";
    public string ServiceId { get; set; } = "crm";

    /// <summary>
    /// How long a grain call may take before the request answers 503: short, so that a request caught by a silo's
    /// death fails within 5 s and is retried, rather than hanging. Every call of ours takes milliseconds.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the list of live gateways is read again.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
