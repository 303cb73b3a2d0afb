using System.Globalization;
using Crm.Client.Infrastructure;
using Crm.Client.Search;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Crm.Client.Apis;

/// <summary>Customers and their service archive, per tenant.</summary>
public static class CustomersApi
{
    private const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/customers").WithTags("Customers");

        api.MapGet("/", ListCustomersAsync).WithName("ListCustomers").WithSummary("A page of the tenant's customers.")
            .RequirePermission(Permission.CustomersRead);
        api.MapPost("/", CreateCustomerAsync).WithName("CreateCustomer").WithSummary("Creates a customer.")
            .RequirePermission(Permission.CustomersWrite)
            .ProducesValidationProblem();
        api.MapGet("/export.csv", CustomerExport.WriteAsync).WithName("ExportCustomers")
            .WithSummary("Every customer of the tenant as CSV (UTF-8, spreadsheet-safe); masked unless you may see personal data.")
            .RequirePermission(Permission.CustomersExport)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapPost("/lookup", LookupAsync).WithName("LookupCustomers")
            .WithSummary("Finds customers by exact email or phone, however formatted; masked unless you may see personal data (the search box's rule).")
            .RequirePermission(Permission.CustomersRead)
            .ProducesValidationProblem();
        api.MapGet("/search", SearchAsync).WithName("SearchCustomers")
            .WithSummary("Finds customers by name (two characters or more; a prefix or a misspelling also finds), best first; needs access to personal data.")
            .RequirePermission(Permission.PersonalDataView)
            .ProducesValidationProblem();
        api.MapPost("/{customerId}/erasure", EraseAsync).WithName("EraseCustomer")
            .WithSummary("Erases the customer's personal data on request (PIPL, GDPR); history and counts stay, anonymised. Idempotent.")
            .RequirePermission(Permission.CustomersErase)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{customerId}", GetCustomerAsync).WithName("GetCustomer").WithSummary("A customer's profile; the ETag is its version.")
            .RequirePermission(Permission.CustomersRead);
        api.MapPut("/{customerId}", UpdateCustomerAsync).WithName("UpdateCustomer")
            .RequirePermission(Permission.CustomersWrite)
            .WithSummary("Replaces a customer's profile; needs If-Match: the ETag you read (412 if it has changed since), or * to replace any version.")
            .RequireIfMatch()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{customerId}/archive", GetArchiveAsync).WithName("GetCustomerArchive")
            .RequirePermission(Permission.CustomersRead)
            .WithSummary("The customer's service archive, newest first.")
            .ProducesValidationProblem();
        api.MapPost("/{customerId}/archive/notes", AddNoteAsync).WithName("AddCustomerNote")
            .RequirePermission(Permission.CustomersWrite)
            .WithSummary("Adds an agent's note to the service archive.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<CustomerSummaryPage>, ValidationProblem>> ListCustomersAsync(
        string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit, int? pageSize, string? continuationToken)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var page = await cluster.GetGrain<ICustomerDirectoryGrain>(tenantId).ListAsync(pageSize ?? DefaultPageSize, continuationToken);
        await audit.RecordAsync(context.User, tenantId, AuditAction.Read, AuditTargetType.Customer, AuditTrail.ListTarget, $"{page.Items.Length} customers");
        return TypedResults.Ok(CustomerMasking.NeedsMask(context.User, tenantId)
            ? page with { Items = [.. page.Items.Select(CustomerMasking.Mask)] }
            : page);
    }

    public static async Task<Results<Created<CustomerView>, ValidationProblem>> CreateCustomerAsync(
        string tenantId, CustomerProfile profile, IClusterClient cluster, HttpContext context, TimeProvider time, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        var customerId = Identifiers.NewId(time.GetUtcNow());
        var view = await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId)).CreateAsync(profile, Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Create, AuditTargetType.Customer, customerId);
        SetETag(context, view);
        return TypedResults.Created($"/api/tenants/{tenantId}/customers/{customerId}", view);
    }

    public static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetCustomerAsync(
        string tenantId, string customerId, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(customerId))
        {
            return NotFound(tenantId, customerId);
        }

        var view = await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId)).GetAsync();
        if (view is null)
        {
            return NotFound(tenantId, customerId);
        }

        await audit.RecordAsync(context.User, tenantId, AuditAction.Read, AuditTargetType.Customer, customerId);
        SetETag(context, view);
        return TypedResults.Ok(CustomerMasking.NeedsMask(context.User, tenantId) ? CustomerMasking.Mask(view) : view);
    }

    public static async Task<Results<Ok<CustomerView>, ProblemHttpResult, ValidationProblem>> UpdateCustomerAsync(
        string tenantId, string customerId, CustomerProfile profile, IClusterClient cluster, HttpContext context, AuditTrail audit,
        [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch)
    {
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(customerId))
        {
            return NotFound(tenantId, customerId);
        }

        var view = await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId))
            .UpdateProfileAsync(profile, Preconditions.ExpectedVersion(ifMatch), Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Customer, customerId, "profile");
        SetETag(context, view);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<ArchivePage>, ProblemHttpResult>> GetArchiveAsync(
        string tenantId, string customerId, IClusterClient cluster, HttpContext context, AuditTrail audit, int? pageSize, string? continuationToken)
    {
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(customerId))
        {
            return NotFound(tenantId, customerId);
        }

        var page = await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId))
            .GetArchiveAsync(pageSize ?? DefaultPageSize, continuationToken);
        await audit.RecordAsync(context.User, tenantId, AuditAction.Read, AuditTargetType.Customer, customerId, "archive");
        return TypedResults.Ok(CustomerMasking.NeedsMask(context.User, tenantId)
            ? page with { Entries = [.. page.Entries.Select(CustomerMasking.Mask)] }
            : page);
    }

    public static async Task<Results<Created<ArchiveEntry>, ProblemHttpResult>> AddNoteAsync(
        string tenantId, string customerId, NoteRequest note, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(customerId))
        {
            return NotFound(tenantId, customerId);
        }

        var entry = await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId))
            .AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, note.Summary ?? "", Detail: note.Detail), Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Update, AuditTargetType.Customer, customerId, "note");
        return TypedResults.Created($"/api/tenants/{tenantId}/customers/{customerId}/archive", entry);
    }

    public static async Task<Results<Ok<ImmutableArray<CustomerSummary>>, ValidationProblem>> LookupAsync(
        string tenantId, LookupRequest request, SearchQueries search, HttpContext context)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        return TypedResults.Ok(await search.CustomersByContactAsync(context.User, tenantId, request.Kind, request.Value));
    }

    /// <summary>Name search: personal-data view, as the phone lookup (the rule and the masking are in <see cref="SearchQueries"/>).</summary>
    public static async Task<Results<Ok<CustomerSearchPage>, ValidationProblem>> SearchAsync(
        string tenantId, SearchQueries search, HttpContext context,
        string? q, int? pageSize, string? continuationToken)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            return ApiProblems.InvalidTenant();
        }

        // The query is a name: the layer audits how much it found, never the query.
        return TypedResults.Ok(await search.CustomersByNameAsync(context.User, tenantId, q, pageSize ?? DefaultPageSize, continuationToken));
    }

    public static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> EraseAsync(
        string tenantId, string customerId, IClusterClient cluster, HttpContext context, AuditTrail audit)
    {
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(customerId))
        {
            return NotFound(tenantId, customerId);
        }

        var view = await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId)).ErasePersonalDataAsync(Actor.Of(context));
        await audit.RecordAsync(context.User, tenantId, AuditAction.Erase, AuditTargetType.Customer, customerId);
        return TypedResults.Ok(view);
    }

    private static void SetETag(HttpContext context, CustomerView view) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{view.Version.ToString(CultureInfo.InvariantCulture)}\"";


    private static ProblemHttpResult NotFound(string tenantId, string customerId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found.",
            detail: $"No customer '{customerId}' in tenant '{tenantId}'.");
}
