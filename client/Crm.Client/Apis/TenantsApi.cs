using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

public sealed record NewTenantRequest(
    [property: System.ComponentModel.DataAnnotations.MaxLength(Identifiers.MaxTenantIdLength)] string? TenantId,
    [property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Access.AccountRules.MaxTenantNameLength)] string? Name);

public sealed record NewUserRequest(
    [property: System.ComponentModel.DataAnnotations.MaxLength(Usernames.MaxLength)] string? Username,
    [property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Access.AccountRules.MaxDisplayNameLength)] string? DisplayName,
    ImmutableArray<Role> Roles,
    [property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Access.PasswordRules.MaxLength)] string? Password);

public sealed record RolesRequest(ImmutableArray<Role> Roles);

public sealed record PasswordResetResponse(string Username, string Password);

/// <summary>Tenants (platform operators) and each tenant's users (tenant admins, and operators for any tenant).</summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/tenants").WithTags("Tenants");
        tenants.MapGet("/", ListTenantsAsync).WithName("ListTenants").WithSummary("Every tenant.")
            .RequirePermission(Permission.TenantsManage);
        tenants.MapPost("/", CreateTenantAsync).WithName("CreateTenant").WithSummary("Creates a tenant.")
            .RequirePermission(Permission.TenantsManage)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var users = app.MapGroup("/api/tenants/{tenantId}/users").WithTags("Users");
        users.MapGet("/", ListUsersAsync).WithName("ListUsers").WithSummary("The tenant's users and their roles.")
            .RequirePermission(Permission.UsersManage);
        users.MapPost("/", CreateUserAsync).WithName("CreateUser")
            .WithSummary("Creates a user in this tenant. Without a password one is generated and returned once.")
            .RequirePermission(Permission.UsersManage)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPut("/{username}/roles", SetRolesAsync).WithName("SetUserRoles")
            .WithSummary("Sets a user's roles in this tenant; an empty list removes the user from the tenant.")
            .RequirePermission(Permission.UsersManage)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{username}/password-reset", ResetPasswordAsync).WithName("ResetUserPassword")
            .WithSummary("Replaces the user's password with a generated one, returned once; the user's sessions end.")
            .RequirePermission(Permission.UsersManage)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Ok<ImmutableArray<TenantInfo>>> ListTenantsAsync(IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantRegistryGrain>(0).ListAsync());

    public static async Task<Created<TenantInfo>> CreateTenantAsync(NewTenantRequest request, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(request.TenantId))
        {
            throw new ValidationFailedException([new FieldError("tenantId", ApiProblems.TenantIdRule)]);
        }

        var tenant = await cluster.GetGrain<ITenantGrain>(request.TenantId!).CreateAsync(request.Name ?? "", Actor.Of(context));
        await audit.RecordAsync(context.User, AuditTenant.Platform, AuditAction.TenantCreated, AuditTargetType.Tenant, tenant.TenantId);
        return TypedResults.Created($"/api/tenants/{tenant.TenantId}", tenant);
    }

    public static async Task<Results<Ok<ImmutableArray<UserView>>, ProblemHttpResult>> ListUsersAsync(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(tenantId).ListMembersAsync());

    public static async Task<Created<CreatedUser>> CreateUserAsync(string tenantId, NewUserRequest request, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        var username = Usernames.Normalize(request.Username ?? "");
        if (!Usernames.IsValid(username))
        {
            throw new ValidationFailedException([new FieldError("username", Usernames.Rule)]);
        }

        var created = await cluster.GetGrain<IUserGrain>(username).CreateAsync(
            new NewUser(request.DisplayName ?? "", request.Password, false, [new TenantMembership(tenantId, request.Roles.IsDefault ? [] : request.Roles)]),
            Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.UserCreated, AuditTargetType.User, username, string.Join(",", created.User.Memberships.SelectMany(m => m.Roles)));
        return TypedResults.Created($"/api/tenants/{tenantId}/users/{username}", created);
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetRolesAsync(
        string tenantId, string username, RolesRequest request, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        var user = await FindManageableAsync(cluster, context, tenantId, username, requireSoleTenant: false);
        if (user is null)
        {
            return UserNotFound(tenantId, username);
        }

        var roles = request.Roles.IsDefault ? [] : request.Roles;
        var updated = await cluster.GetGrain<IUserGrain>(user.Username).SetRolesAsync(tenantId, roles, Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.RolesChanged, AuditTargetType.User, user.Username, string.Join(",", roles));
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<Ok<PasswordResetResponse>, ProblemHttpResult>> ResetPasswordAsync(
        string tenantId, string username, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        var user = await FindManageableAsync(cluster, context, tenantId, username, requireSoleTenant: true);
        if (user is null)
        {
            return UserNotFound(tenantId, username);
        }

        var password = await cluster.GetGrain<IUserGrain>(user.Username).ResetPasswordAsync(Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.PasswordReset, AuditTargetType.User, user.Username);
        return TypedResults.Ok(new PasswordResetResponse(user.Username, password));
    }

    /// <summary>
    /// A tenant admin manages only users of their own tenant, and resets passwords only of users who belong to no other
    /// tenant: otherwise one tenant's admin could take over an account that also works for another. Operators manage all.
    /// </summary>
    private static async Task<UserView?> FindManageableAsync(IClusterClient cluster, HttpContext context, string tenantId, string username, bool requireSoleTenant)
    {
        var normalized = Usernames.Normalize(username);
        if (!Usernames.IsValid(normalized) || await cluster.GetGrain<IUserGrain>(normalized).GetAsync() is not { } user)
        {
            return null;
        }

        if (context.User.IsPlatformOperator())
        {
            return user;
        }

        if (user.Memberships.All(m => m.TenantId != tenantId))
        {
            return null;
        }

        if (requireSoleTenant && (user.IsPlatformOperator || user.Memberships.Any(m => m.TenantId != tenantId)))
        {
            throw new ForbiddenException($"User '{normalized}' also works for another tenant: ask a platform operator to reset the password.");
        }

        return user;
    }

    private static ProblemHttpResult UserNotFound(string tenantId, string username) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No user '{username}' in tenant '{tenantId}'.");
}
