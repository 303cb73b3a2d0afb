namespace Crm.Contracts.Access;

/// <summary>A tenant: one contract with one e-commerce platform customer of the provider.</summary>
[GenerateSerializer, Immutable, Alias("crm.access.tenant")]
public sealed record TenantInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt);
