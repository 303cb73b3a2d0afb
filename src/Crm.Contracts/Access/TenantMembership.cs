namespace Crm.Contracts.Access;

/// <summary>The roles a user holds in one tenant.</summary>
[GenerateSerializer, Immutable, Alias("crm.access.membership")]
public sealed record TenantMembership(
    [property: Id(0)] string TenantId,
    [property: Id(1)] ImmutableArray<Role> Roles);
