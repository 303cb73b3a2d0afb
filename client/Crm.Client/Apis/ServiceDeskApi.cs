using System.Globalization;
using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Crm.Client.Apis;

/// <summary>A tenant's service-desk configuration: SLA policy versions, categories, reopen window, assignment, macros.</summary>
public static class ServiceDeskApi
{
    public static IEndpointRouteBuilder MapServiceDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/service-desk").WithTags("Service desk");

        api.MapGet("/settings", GetSettingsAsync).WithName("GetServiceDeskSettings")
            .WithSummary("Categories, reopen window and assignment rule; the ETag is their version.")
            .RequirePermission(Permission.CasesRead);
        api.MapPut("/settings", UpdateSettingsAsync).WithName("UpdateServiceDeskSettings")
            .WithSummary("Replaces the settings; needs If-Match: the ETag you read (412 if they have changed since), or * to replace any version.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .RequireIfMatch()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/sla-policy", GetPolicyAsync).WithName("GetSlaPolicy").WithSummary("The SLA policy in force.")
            .RequirePermission(Permission.CasesRead);
        api.MapGet("/sla-policies", ListPoliciesAsync).WithName("ListSlaPolicies")
            .WithSummary("Every SLA policy version, oldest first; each case is measured against the version it opened under.")
            .RequirePermission(Permission.CasesRead);
        api.MapPut("/sla-policy", UpdatePolicyAsync).WithName("UpdateSlaPolicy")
            .WithSummary("Saves a new SLA policy version (targets as \"hh:mm:ss\" or \"d.hh:mm:ss\"); open cases keep theirs.")
            .RequirePermission(Permission.ServiceDeskConfigure)
            .ProducesValidationProblem();
        api.MapGet("/macros", ListMacrosAsync).WithName("ListMacros").WithSummary("Canned replies.")
            .RequirePermission(Permission.CasesRead);
        api.MapPost("/macros", CreateMacroAsync).WithName("CreateMacro").WithSummary("Adds a canned reply.")
            .RequirePermission(Permission.MacrosManage)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/macros/{macroId}", UpdateMacroAsync).WithName("UpdateMacro").WithSummary("Replaces a canned reply.")
            .RequirePermission(Permission.MacrosManage)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/macros/{macroId}", DeleteMacroAsync).WithName("DeleteMacro").WithSummary("Deletes a canned reply.")
            .RequirePermission(Permission.MacrosManage)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<ServiceDeskSettings>, ValidationProblem>> GetSettingsAsync(string tenantId, IClusterClient cluster, HttpContext context)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var settings = await Desk(cluster, tenantId).GetSettingsAsync();
        SetETag(context, settings.Version);
        return TypedResults.Ok(settings);
    }

    public static async Task<Results<Ok<ServiceDeskSettings>, ValidationProblem>> UpdateSettingsAsync(
        string tenantId, ServiceDeskSettingsInput input, IClusterClient cluster, HttpContext context, AuditTrail audit,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var settings = await Desk(cluster, tenantId).UpdateSettingsAsync(input, Preconditions.ExpectedVersion(ifMatch), Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Tenant, tenantId, "service-desk settings");
        SetETag(context, settings.Version);
        return TypedResults.Ok(settings);
    }

    public static async Task<Results<Ok<SlaPolicyView>, ValidationProblem>> GetPolicyAsync(string tenantId, IClusterClient cluster) =>
        !Identifiers.IsTenantId(tenantId) ? ApiProblems.InvalidTenant() : TypedResults.Ok(await Desk(cluster, tenantId).GetSlaPolicyAsync());

    public static async Task<Results<Ok<ImmutableArray<SlaPolicyView>>, ValidationProblem>> ListPoliciesAsync(string tenantId, IClusterClient cluster) =>
        !Identifiers.IsTenantId(tenantId) ? ApiProblems.InvalidTenant() : TypedResults.Ok(await Desk(cluster, tenantId).ListSlaPoliciesAsync());

    public static async Task<Results<Ok<SlaPolicyView>, ValidationProblem>> UpdatePolicyAsync(
        string tenantId, SlaPolicyInput input, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var policy = await Desk(cluster, tenantId).UpdateSlaPolicyAsync(input, Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Tenant, tenantId, $"SLA policy version {policy.Version}");
        return TypedResults.Ok(policy);
    }

    public static async Task<Results<Ok<ImmutableArray<CaseMacro>>, ValidationProblem>> ListMacrosAsync(string tenantId, IClusterClient cluster) =>
        !Identifiers.IsTenantId(tenantId) ? ApiProblems.InvalidTenant() : TypedResults.Ok(await Desk(cluster, tenantId).ListMacrosAsync());

    public static async Task<Results<Created<CaseMacro>, ValidationProblem>> CreateMacroAsync(
        string tenantId, MacroInput input, IClusterClient cluster, HttpContext context)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var macro = await Desk(cluster, tenantId).SaveMacroAsync(null, input, Actor.Of(context));
        return TypedResults.Created($"/api/tenants/{tenantId}/service-desk/macros/{macro.MacroId}", macro);
    }

    public static async Task<Results<Ok<CaseMacro>, ValidationProblem>> UpdateMacroAsync(
        string tenantId, string macroId, MacroInput input, IClusterClient cluster, HttpContext context) =>
        !Identifiers.IsTenantId(tenantId) ? ApiProblems.InvalidTenant() : TypedResults.Ok(await Desk(cluster, tenantId).SaveMacroAsync(macroId, input, Actor.Of(context)));

    public static async Task<Results<NoContent, ValidationProblem>> DeleteMacroAsync(
        string tenantId, string macroId, IClusterClient cluster, HttpContext context)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        await Desk(cluster, tenantId).DeleteMacroAsync(macroId, Actor.Of(context));
        return TypedResults.NoContent();
    }

    private static IServiceDeskGrain Desk(IClusterClient cluster, string tenantId) => cluster.GetGrain<IServiceDeskGrain>(tenantId);

    private static void SetETag(HttpContext context, long version) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

}
