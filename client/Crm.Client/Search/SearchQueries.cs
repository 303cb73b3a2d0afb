using System.Security.Claims;
using Crm.Client.Cases;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Common;
using Crm.Domain.Search;

namespace Crm.Client.Search;

/// <summary>
/// The one door for every search, shared by the REST handlers, the top bar's box, the results page and the pickers:
/// the caller's permission in the tenant, the grain's search, the audit (how much was found, never what was typed) and
/// the masking. The API's endpoint policies check a permission before this does; for the pages this is the check.
/// </summary>
public sealed class SearchQueries(IClusterClient cluster, AuditTrail audit)
{
    /// <summary>
    /// Customers by name. It needs personal-data view, as the phone lookup's endpoint does: a search answers "is
    /// someone called X a customer", which masking the answer would not hide. Masked anyway if that rule widens.
    /// </summary>
    public async Task<CustomerSearchPage> CustomersByNameAsync(ClaimsPrincipal user, string tenantId, string? query, int pageSize, string? continuationToken)
    {
        Require(user, tenantId, Permission.PersonalDataView);
        var page = await cluster.GetGrain<ICustomerSearchGrain>(tenantId).SearchAsync(query ?? "", pageSize, continuationToken);
        await audit.RecordAsync(user, tenantId, AuditAction.Search, AuditTargetType.Customer, AuditTrail.ListTarget, $"by name: {page.Items.Length} found");
        return CustomerMasking.NeedsMask(user, tenantId)
            ? page with { Items = [.. page.Items.Select(h => h with { Customer = CustomerMasking.Mask(h.Customer) })] }
            : page;
    }

    /// <summary>Customers with exactly this phone number or e-mail, however formatted; masked without personal-data view.</summary>
    public async Task<ImmutableArray<CustomerSummary>> CustomersByContactAsync(ClaimsPrincipal user, string tenantId, ContactChannelKind kind, string? value)
    {
        Require(user, tenantId, Permission.CustomersRead);
        var found = await cluster.GetGrain<ICustomerLookupGrain>(tenantId).FindAsync(kind, value ?? "");
        await audit.RecordAsync(user, tenantId, AuditAction.Lookup, AuditTargetType.Customer, AuditTrail.ListTarget, $"by {kind}: {found.Length} found");
        return CustomerMasking.NeedsMask(user, tenantId) ? [.. found.Select(CustomerMasking.Mask)] : found;
    }

    /// <summary>Cases by order reference (whole or its start) and by the words of their subject.</summary>
    public async Task<CaseSearchPage> CasesAsync(ClaimsPrincipal user, string tenantId, string? query, int pageSize, string? continuationToken)
    {
        Require(user, tenantId, Permission.CasesRead);
        var page = await cluster.GetGrain<ICaseSearchGrain>(tenantId).SearchAsync(query ?? "", pageSize, continuationToken);
        // The query may be a customer's words: never written to the audit log, only how much it found.
        await audit.RecordAsync(user, tenantId, AuditAction.Search, AuditTargetType.Case, AuditTrail.ListTarget, $"by order or subject: {page.Items.Length} found");
        return page;
    }

    /// <summary>
    /// The new-case picker: an e-mail or a phone number by exact match, anything else by name (which needs
    /// personal-data view, else nobody is found).
    /// </summary>
    public async Task<ImmutableArray<CustomerSummary>> PickCustomerAsync(ClaimsPrincipal user, string tenantId, string? query, int pageSize)
    {
        var shape = QueryShapes.Of(query);
        if (shape != QueryShape.Words || !user.Allows(tenantId, Permission.PersonalDataView))
        {
            return await CustomersByContactAsync(user, tenantId, shape == QueryShape.Email ? ContactChannelKind.Email : ContactChannelKind.Phone, query);
        }

        return [.. (await CustomersByNameAsync(user, tenantId, query, pageSize, null)).Items.Select(h => h.Customer)];
    }

    /// <summary>
    /// The one search box: what the caller's role may find, grouped. A phone number or an e-mail is looked up exactly
    /// (any role that reads customers; masked without personal-data view); other text finds customers by name (only with
    /// personal-data view). Cases are searched for every text, for a role that reads cases. The text must pass the
    /// search's rule (2-100 characters, 2 of them letters or digits) unless it is a phone or e-mail: else a 400 on q.
    /// </summary>
    public async Task<SearchResults> EverywhereAsync(ClaimsPrincipal user, string tenantId, string? query, int pageSize)
    {
        Require(user, tenantId, Permission.CustomersRead);
        var shape = QueryShapes.Of(query);
        var mode = shape != QueryShape.Words ? CustomerSearchMode.ByContact
            : user.Allows(tenantId, Permission.PersonalDataView) ? CustomerSearchMode.ByName
            : CustomerSearchMode.None;
        var searchCases = user.Allows(tenantId, Permission.CasesRead) && (shape != QueryShape.Email);

        // Checked once here, with the searches' own words, so a role that searches neither names nor cases still hears why.
        var problems = new List<FieldError>();
        if (shape == QueryShape.Words && SearchGrams.ForQuery(query?.Length <= SearchGrams.MaxQueryLength ? query : "").Count == 0)
        {
            problems.Add(new FieldError("q", $"A search is {SearchGrams.MinQueryLength} to {SearchGrams.MaxQueryLength} characters, at least {SearchGrams.MinQueryLength} of them letters, digits or Chinese characters."));
        }

        if (!Paging.IsValidPageSize(pageSize))
        {
            problems.Add(new FieldError("pageSize", $"Between 1 and {Paging.MaxPageSize}."));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }

        var customers = mode switch
        {
            CustomerSearchMode.ByName => CustomersByNameAsync(user, tenantId, query, pageSize, null),
            CustomerSearchMode.ByContact => ByContactAsPageAsync(user, tenantId, shape, query),
            _ => Task.FromResult(new CustomerSearchPage([], null)),
        };
        var cases = searchCases ? CasesOrNoneAsync(user, tenantId, query, pageSize) : Task.FromResult(new CaseSearchPage([], null));
        await Task.WhenAll(customers, cases);
        return new SearchResults(mode, (await customers).Items, (await customers).ContinuationToken, searchCases, (await cases).Items, (await cases).ContinuationToken);
    }

    private async Task<CustomerSearchPage> ByContactAsPageAsync(ClaimsPrincipal user, string tenantId, QueryShape shape, string? query)
    {
        try
        {
            var found = await CustomersByContactAsync(user, tenantId, shape == QueryShape.Email ? ContactChannelKind.Email : ContactChannelKind.Phone, query);
            return new CustomerSearchPage([.. found.Select(c => new CustomerSearchHit(c, 100))], null);
        }
        catch (ValidationFailedException)
        {
            // Shaped like a phone number but none the lookup accepts (too many digits, say): simply no customer.
            return new CustomerSearchPage([], null);
        }
    }

    private async Task<CaseSearchPage> CasesOrNoneAsync(ClaimsPrincipal user, string tenantId, string? query, int pageSize)
    {
        try
        {
            return await CasesAsync(user, tenantId, query, pageSize, null);
        }
        catch (ValidationFailedException) when (QueryShapes.Of(query) != QueryShape.Words)
        {
            // A phone number's digits are always a valid search; this only guards the shapes the check above skipped.
            return new CaseSearchPage([], null);
        }
    }

    private static void Require(ClaimsPrincipal user, string tenantId, Permission permission)
    {
        if (!user.Allows(tenantId, permission))
        {
            throw new ForbiddenException(CaseCommands.NotAllowed);
        }
    }
}
