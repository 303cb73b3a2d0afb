using Crm.Contracts.Access;

namespace Crm.Grains.Access;

/// <summary>A user account as persisted (encrypted at rest with all grain state). Only the password's hash is kept.</summary>
[GenerateSerializer, Immutable, Alias("crm.access.user-state")]
public sealed record UserState
{
    [Id(0)] public string? DisplayName { get; init; }
    [Id(1)] public string PasswordHash { get; init; } = "";
    [Id(2)] public bool IsPlatformOperator { get; init; }
    [Id(3)] public ImmutableArray<TenantMembership> Memberships { get; init; } = [];

    /// <summary>Changes whenever every existing session must end (password reset or change).</summary>
    [Id(4)] public string Stamp { get; init; } = "";
    [Id(5)] public int FailedSignIns { get; init; }
    [Id(6)] public DateTimeOffset? LockedUntil { get; init; }
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The language the user chose; null follows the tenant's default, then the browser.</summary>
    [Id(8)] public string? Language { get; init; }

    public bool Exists => DisplayName is not null;
}
