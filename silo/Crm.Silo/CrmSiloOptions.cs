using System.Net;

namespace Crm.Silo;

/// <summary>
/// Where the silo listens and which cluster it joins. Loopback by default: the front end is the only door to the
/// cluster. Several silos form one cluster when they share the storage, <see cref="ClusterId"/> and
/// <see cref="ServiceId"/>, each with its own ports (on one machine) or its own address (on several).
/// </summary>
public sealed class CrmSiloOptions
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "crm";
    public string ServiceId { get; set; } = "crm";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and the front ends reach this silo at; loopback unless set.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Listen on every interface (behind a private network only) rather than on the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    public IPAddress AdvertisedAddress() =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) ? IPAddress.Loopback : IPAddress.Parse(AdvertisedIPAddress);
}
