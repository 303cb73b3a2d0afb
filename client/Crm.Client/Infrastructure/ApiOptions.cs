namespace Crm.Client.Infrastructure;

/// <summary>Limits on what the REST API reads from a caller.</summary>
public sealed class CrmApiOptions
{
    public const string SectionName = "Crm:Api";

    /// <summary>256 KiB: a customer profile is a few KB, so this leaves room for any real request and none for abuse.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;
}
