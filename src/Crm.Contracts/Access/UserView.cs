namespace Crm.Contracts.Access;

/// <summary>A user account as administrators see it; never carries the password hash.</summary>
[GenerateSerializer, Immutable, Alias("crm.access.user")]
public sealed record UserView(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] bool IsPlatformOperator,
    [property: Id(3)] ImmutableArray<TenantMembership> Memberships,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LockedUntil,
    [property: Id(6)] string? Language = null);

/// <summary>A user to create. A null password means "generate one"; it is returned once and never stored in plain.</summary>
[GenerateSerializer, Immutable, Alias("crm.access.new-user")]
public sealed record NewUser(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string? Password,
    [property: Id(2)] bool IsPlatformOperator,
    [property: Id(3)] ImmutableArray<TenantMembership> Memberships);

/// <summary>A created user and, when the system generated it, the one-time password to hand over.</summary>
[GenerateSerializer, Immutable, Alias("crm.access.created-user")]
public sealed record CreatedUser(
    [property: Id(0)] UserView User,
    [property: Id(1)] string? GeneratedPassword);
