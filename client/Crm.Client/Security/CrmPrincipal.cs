using System.Security.Claims;
using Crm.Contracts.Access;

namespace Crm.Client.Security;

/// <summary>Reads a resolved principal: who it is and what <see cref="AccessRules"/> lets it do where.</summary>
public static class CrmPrincipal
{
    public static string Username(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } ? name : throw new InvalidOperationException("No signed-in user.");

    public static string DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(CrmClaims.DisplayName) ?? user.Identity?.Name ?? "";

    public static bool IsPlatformOperator(this ClaimsPrincipal user) => user.HasClaim(CrmClaims.Operator, "true");

    public static ImmutableArray<TenantMembership> Memberships(this ClaimsPrincipal user) =>
    [
        .. user.FindAll(CrmClaims.Membership)
            .Select(c => c.Value.Split('|', 2))
            .Where(parts => parts.Length == 2 && Enum.TryParse<Role>(parts[1], out _))
            .GroupBy(parts => parts[0], parts => Enum.Parse<Role>(parts[1]))
            .Select(g => new TenantMembership(g.Key, [.. g])),
    ];

    public static bool Allows(this ClaimsPrincipal user, string? tenantId, Permission permission) =>
        user.Identity?.AuthenticationType == CrmClaims.ResolvedType
        && AccessRules.Allows(user.IsPlatformOperator(), user.Memberships(), tenantId, permission);
}
