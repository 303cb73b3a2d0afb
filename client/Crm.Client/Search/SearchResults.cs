using Crm.Contracts.Cases;
using Crm.Contracts.Customers;

namespace Crm.Client.Search;

/// <summary>How the one search box looked for customers, which depends on the caller's role and on what was typed.</summary>
public enum CustomerSearchMode
{
    /// <summary>Not at all: the text is no phone or e-mail, and the caller may not search names.</summary>
    None = 0,

    /// <summary>By name: prefix and misspelling tolerant (needs personal-data view).</summary>
    ByName = 1,

    /// <summary>By the exact phone number or e-mail typed; masked for a caller without personal-data view.</summary>
    ByContact = 2,
}

/// <summary>
/// What the one search box found, grouped: customers (by name, or by the exact phone or e-mail typed) and cases (by
/// order reference or subject words; empty for a role that may not read cases). A group's token reads its next page
/// through the search of that group (<c>customers/search</c>, <c>cases/search</c>).
/// </summary>
public sealed record SearchResults(
    CustomerSearchMode CustomersBy,
    ImmutableArray<CustomerSearchHit> Customers,
    string? CustomersContinuationToken,
    bool CasesSearched,
    ImmutableArray<CaseSearchHit> Cases,
    string? CasesContinuationToken);
