using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Client.Users;
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
            .WithSummary("Sets a user's roles in this tenant; an empty list removes the user from the tenant. Nobody removes themselves, and the tenant keeps at least one tenant admin (409).")
            .RequirePermission(Permission.UsersManage)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
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

    public static async Task<Ok<ImmutableArray<UserView>>> ListUsersAsync(string tenantId, UserCommands users, HttpContext context) =>
        TypedResults.Ok(await users.ListAsync(context.User, tenantId));

    public static async Task<Created<CreatedUser>> CreateUserAsync(string tenantId, NewUserRequest request, UserCommands users, HttpContext context)
    {
        var created = await users.CreateAsync(context.User, tenantId, request);
        return TypedResults.Created($"/api/tenants/{tenantId}/users/{created.User.Username}", created);
    }

    public static async Task<Ok<UserView>> SetRolesAsync(string tenantId, string username, RolesRequest request, UserCommands users, HttpContext context) =>
        TypedResults.Ok(await users.SetRolesAsync(context.User, tenantId, username, request.Roles));

    public static async Task<Ok<PasswordResetResponse>> ResetPasswordAsync(string tenantId, string username, UserCommands users, HttpContext context) =>
        TypedResults.Ok(await users.ResetPasswordAsync(context.User, tenantId, username));
}
