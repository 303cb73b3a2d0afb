namespace Crm.Contracts.Access;

/// <summary>
/// A tenant: one contract with one e-commerce platform customer of the provider. <see cref="Language"/> is the language
/// its users see until they choose their own; null leaves it to each browser. <see cref="PhoneRegion"/> is the country a
/// phone number typed without '+' belongs to; null means the product's default (CN).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.access.tenant")]
public sealed record TenantInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string? Language = null,
    [property: Id(4)] string? PhoneRegion = null);
