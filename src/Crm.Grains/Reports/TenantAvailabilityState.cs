using Crm.Contracts.Reports;

namespace Crm.Grains.Reports;

/// <summary>The platform's posted availability figures of one tenant, by period id.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.tenant-availability-state")]
public sealed record TenantAvailabilityState
{
    [Id(0)] public ImmutableSortedDictionary<string, PostedAvailability> Posted { get; init; } = ImmutableSortedDictionary<string, PostedAvailability>.Empty;
}
