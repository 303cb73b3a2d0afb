using Crm.Contracts.Access;
using Microsoft.AspNetCore.Authorization;

namespace Crm.Client.Security;

/// <summary>A permission an endpoint needs; the tenant comes from the route's {tenantId} or, on pages, the resource.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>Marks an endpoint with the permission it needs, for the policy and for tests that walk every endpoint.</summary>
public sealed record RequiresPermission(Permission Permission);

public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var tenantId = context.Resource switch
        {
            HttpContext http => http.GetRouteValue("tenantId") as string,
            string tenant => tenant,
            _ => null,
        };
        if (context.User.Allows(tenantId, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class PermissionPolicies
{
    public static string Name(Permission permission) => "permission:" + permission;

    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(Name(permission), policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
    }

    /// <summary>The endpoint needs <paramref name="permission"/> in the route's tenant (or platform-wide).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Name(permission)).WithMetadata(new RequiresPermission(permission));
}
