namespace Crm.Client.Infrastructure;

public sealed class CrmWebOptions
{
    public const string SectionName = "Crm";

    /// <summary>The tenant the web UI opens on until sign-in picks one.</summary>
    public string DefaultTenant { get; set; } = "demo";
}
