namespace Crm.Contracts.Access;

/// <summary>
/// Who a signed-in request acts as, resolved from the user grain on every request, so that a role removed or a
/// password reset takes effect at once rather than when a cookie or token expires. <see cref="Language"/> is the
/// user's own choice ("en", "zh-CN"), null until they make one.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.access.session")]
public sealed record UserSession(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] bool IsPlatformOperator,
    [property: Id(3)] ImmutableArray<TenantMembership> Memberships,
    [property: Id(4)] string? Language = null);
