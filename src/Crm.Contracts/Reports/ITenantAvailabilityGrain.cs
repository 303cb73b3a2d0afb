namespace Crm.Contracts.Reports;

/// <summary>The availability figures the platform posted for a tenant's periods (key: tenant id).</summary>
public interface ITenantAvailabilityGrain : IGrainWithStringKey
{
    /// <returns>The period's posted figure, or null when none was posted.</returns>
    Task<PostedAvailability?> GetPostedAsync(string period);

    /// <summary>Posts (or replaces) the period's figure.</summary>
    /// <param name="expectedVersion">The version read (0: none posted yet); null for any version.</param>
    /// <exception cref="Common.PreconditionFailedException">The figure is at another version.</exception>
    /// <exception cref="Common.ValidationFailedException">The period, percentage or note is not allowed.</exception>
    Task<PostedAvailability> PostAsync(string period, double percent, string? note, long? expectedVersion, string actor);
}
