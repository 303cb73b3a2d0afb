namespace Crm.Client.Infrastructure;

/// <summary>Limits on what the REST API reads from a caller, and how long it may take to answer.</summary>
public sealed class CrmApiOptions
{
    public const string SectionName = "Crm:Api";

    /// <summary>256 KiB: a customer profile is a few KB, so this leaves room for any real request and none for abuse.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// One time budget for a whole API request, all its grain calls together (<see cref="RequestDeadline"/>): after it
    /// the answer is a 503 with Retry-After. 4.5 s, so every failure reaches the client within 5 s.
    /// </summary>
    public TimeSpan RequestBudget { get; set; } = TimeSpan.FromSeconds(4.5);
}
