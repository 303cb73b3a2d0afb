using System.Security.Claims;
using Crm.Client.Apis;
using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Domain.Access;

namespace Crm.Client.Users;

/// <summary>
/// The one door to a tenant's users for the API and the users page: the permission check, who may be managed, the
/// membership rules (<see cref="MembershipRules"/>: not oneself, never the last tenant admin) and the audit record.
/// </summary>
public sealed class UserCommands(IClusterClient cluster, AuditTrail audit)
{
    public const string NotAllowed = "You may not manage this tenant's users.";

    public async Task<ImmutableArray<UserView>> ListAsync(ClaimsPrincipal user, string tenantId)
    {
        Require(user, tenantId);
        return await cluster.GetGrain<ITenantGrain>(tenantId).ListMembersAsync();
    }

    public async Task<CreatedUser> CreateAsync(ClaimsPrincipal user, string tenantId, NewUserRequest request)
    {
        Require(user, tenantId);
        var username = Usernames.Normalize(request.Username ?? "");
        if (!Usernames.IsValid(username))
        {
            throw new ValidationFailedException([new FieldError("username", Usernames.Rule)]);
        }

        var created = await cluster.GetGrain<IUserGrain>(username).CreateAsync(
            new NewUser(request.DisplayName ?? "", request.Password, false, [new TenantMembership(tenantId, request.Roles.IsDefault ? [] : request.Roles)]),
            user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.UserCreated, AuditTargetType.User, username, string.Join(",", created.User.Memberships.SelectMany(m => m.Roles)));
        return created;
    }

    /// <summary>Sets the user's roles in the tenant; an empty list removes them from it.</summary>
    public async Task<UserView> SetRolesAsync(ClaimsPrincipal user, string tenantId, string username, ImmutableArray<Role> roles)
    {
        Require(user, tenantId);
        var target = await FindManageableAsync(user, tenantId, username, requireSoleTenant: false);
        roles = roles.IsDefault ? [] : roles;
        var members = await cluster.GetGrain<ITenantGrain>(tenantId).ListMembersAsync();
        int AdminsAfter() => members.Count(m => m.Username == target.Username ? roles.Contains(Role.TenantAdmin) : IsAdmin(m, tenantId));
        if (MembershipRules.RoleChangeProblem(user.Username(), target.Username, roles.IsEmpty, members.Count(m => IsAdmin(m, tenantId)), AdminsAfter()) is { } problem)
        {
            throw new ConflictException(problem);
        }

        var updated = await cluster.GetGrain<IUserGrain>(target.Username).SetRolesAsync(tenantId, roles, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.RolesChanged, AuditTargetType.User, target.Username, string.Join(",", roles));
        return updated;
    }

    public Task<UserView> RemoveAsync(ClaimsPrincipal user, string tenantId, string username) => SetRolesAsync(user, tenantId, username, []);

    public async Task<PasswordResetResponse> ResetPasswordAsync(ClaimsPrincipal user, string tenantId, string username)
    {
        Require(user, tenantId);
        var target = await FindManageableAsync(user, tenantId, username, requireSoleTenant: true);
        var password = await cluster.GetGrain<IUserGrain>(target.Username).ResetPasswordAsync(user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.PasswordReset, AuditTargetType.User, target.Username);
        return new PasswordResetResponse(target.Username, password);
    }

    private static bool IsAdmin(UserView member, string tenantId) =>
        member.Memberships.Any(m => m.TenantId == tenantId && m.Roles.Contains(Role.TenantAdmin));

    private static void Require(ClaimsPrincipal user, string tenantId)
    {
        if (!user.Allows(tenantId, Permission.UsersManage))
        {
            throw new ForbiddenException(NotAllowed);
        }
    }

    /// <summary>
    /// A tenant admin manages only users of their own tenant, and resets passwords only of users who belong to no other
    /// tenant: otherwise one tenant's admin could take over an account that also works for another. Operators manage all.
    /// </summary>
    private async Task<UserView> FindManageableAsync(ClaimsPrincipal user, string tenantId, string username, bool requireSoleTenant)
    {
        var normalized = Usernames.Normalize(username);
        if (!Usernames.IsValid(normalized) || await cluster.GetGrain<IUserGrain>(normalized).GetAsync() is not { } found
            || (!user.IsPlatformOperator() && found.Memberships.All(m => m.TenantId != tenantId)))
        {
            throw new NotFoundException($"No user '{username}' in tenant '{tenantId}'.");
        }

        if (!user.IsPlatformOperator() && requireSoleTenant && (found.IsPlatformOperator || found.Memberships.Any(m => m.TenantId != tenantId)))
        {
            throw new ForbiddenException($"User '{normalized}' also works for another tenant: ask a platform operator to reset the password.");
        }

        return found;
    }
}
