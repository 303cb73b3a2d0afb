using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>A language: "en", "zh-CN", or null to follow the tenant's default (for a user) or each browser (for a tenant).</summary>
public sealed record LanguageRequest([property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Localization.Languages.MaxTagLength)] string? Language);

/// <summary>A two-letter country code such as "CN" or "US"; null for the product's default (CN).</summary>
public sealed record PhoneRegionRequest([property: System.ComponentModel.DataAnnotations.MaxLength(2)] string? Region);

/// <summary>The language a user works in and a tenant's default: the same grain calls the top bar's switch makes.</summary>
public static class LanguageApi
{
    public static IEndpointRouteBuilder MapLanguageApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/me/language", SetMyLanguageAsync).WithTags("Auth").WithName("SetMyLanguage")
            .WithSummary("Sets the language pages and API answers use for you (\"en\", \"zh-CN\"; null follows the tenant's default).")
            .RequireAuthorization()
            .ProducesValidationProblem();
        app.MapPut("/api/tenants/{tenantId}/language", SetTenantLanguageAsync).WithTags("Tenants").WithName("SetTenantLanguage")
            .WithSummary("Sets the tenant's default language for users who chose none (null: each browser's Accept-Language).")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem();
        app.MapPut("/api/tenants/{tenantId}/phone-region", SetTenantPhoneRegionAsync).WithTags("Tenants").WithName("SetTenantPhoneRegion")
            .WithSummary("Sets the country a phone number typed without '+' belongs to (a two-letter code such as CN; null: CN), for profiles and lookups.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<UserView>> SetMyLanguageAsync(LanguageRequest request, HttpContext context, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IUserGrain>(context.User.Username()).SetLanguageAsync(request.Language));

    public static Task<Results<Ok<TenantInfo>, ValidationProblem>> SetTenantLanguageAsync(
        string tenantId, LanguageRequest request, HttpContext context, IClusterClient cluster, AuditTrail audit) =>
        SetTenantAsync(tenantId, context, cluster, audit, "default language", (t, actor) => t.SetLanguageAsync(request.Language, actor));

    public static Task<Results<Ok<TenantInfo>, ValidationProblem>> SetTenantPhoneRegionAsync(
        string tenantId, PhoneRegionRequest request, HttpContext context, IClusterClient cluster, AuditTrail audit) =>
        SetTenantAsync(tenantId, context, cluster, audit, "default phone region", (t, actor) => t.SetPhoneRegionAsync(request.Region, actor));

    /// <summary>One tenant-wide setting: the tenant id checked, the grain's change, its audit record.</summary>
    private static async Task<Results<Ok<TenantInfo>, ValidationProblem>> SetTenantAsync(string tenantId, HttpContext context,
        IClusterClient cluster, AuditTrail audit, string what, Func<ITenantGrain, string, Task<TenantInfo>> set)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var tenant = await set(cluster.GetGrain<ITenantGrain>(tenantId), context.User.Username());
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Tenant, tenantId, what);
        return TypedResults.Ok(tenant);
    }
}
