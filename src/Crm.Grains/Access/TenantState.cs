using Crm.Contracts.Access;

namespace Crm.Grains.Access;

[GenerateSerializer, Immutable, Alias("crm.access.tenant-state")]
public sealed record TenantState
{
    [Id(0)] public TenantInfo? Info { get; init; }

    /// <summary>Usernames; a user's own memberships are the truth, this is the index that lists them.</summary>
    [Id(1)] public ImmutableSortedSet<string> Members { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("crm.access.tenant-registry-state")]
public sealed record TenantRegistryState
{
    [Id(0)] public ImmutableSortedDictionary<string, TenantInfo> Tenants { get; init; } = ImmutableSortedDictionary<string, TenantInfo>.Empty;
}
