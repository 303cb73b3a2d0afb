using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

/// <summary>The receiver of a tenant's webhook; a null or absent URL removes the webhook.</summary>
public sealed record WebhookUrlRequest([property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Webhooks.WebhookUrlRules.MaxLength)] string? Url);

/// <summary>
/// The tenant's outgoing webhook (SLA warnings, breaches, escalations): where it posts, its signing secret, and how
/// deliveries went. Secrets are answered once, never stored in a cache.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/service-desk/webhook").WithTags("Webhooks");

        api.MapGet("/", GetStatusAsync).WithName("GetWebhookStatus")
            .WithSummary("The webhook's URL, the last 4 characters of its secret, the pending count and the latest deliveries.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem();
        api.MapPut("/", ConfigureAsync).WithName("ConfigureWebhook")
            .WithSummary("Sets the receiver URL (https; http only for localhost) with a new signing secret, answered only now; "
                + "a null URL removes the webhook. Deliveries carry X-Crm-Signature: sha256=HMAC-SHA256(secret, \"{X-Crm-Timestamp}.{body}\") in hex.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem();
        api.MapPost("/rotate-secret", RotateSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("Replaces the signing secret with a new one, answered only now; the next delivery is signed with it.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<WebhookStatus>, ValidationProblem>> GetStatusAsync(string tenantId, IClusterClient cluster)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await cluster.GetGrain<IWebhookGrain>(tenantId).GetStatusAsync());
    }

    public static async Task<Results<Ok<WebhookSettingsView>, ValidationProblem>> ConfigureAsync(
        string tenantId, WebhookUrlRequest request, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var settings = await cluster.GetGrain<IWebhookGrain>(tenantId).ConfigureAsync(request.Url, Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Tenant, tenantId,
            settings.Url is null ? "webhook removed" : "webhook configured");
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(settings);
    }

    public static async Task<Results<Ok<WebhookSettingsView>, ValidationProblem>> RotateSecretAsync(
        string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var settings = await cluster.GetGrain<IWebhookGrain>(tenantId).RotateSecretAsync(Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Tenant, tenantId, "webhook secret rotated");
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(settings);
    }

}
