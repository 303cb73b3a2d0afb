namespace Crm.Contracts.Customers;

/// <summary>
/// Finds a tenant's customers by name (prefix and misspelling tolerant), keyed by tenant id, over a protected index
/// of keyed-hash grams; every hit is confirmed against the customer's own name.
/// </summary>
public interface ICustomerSearchGrain : IGrainWithStringKey
{
    /// <summary>Customers whose name matches <paramref name="query"/>, best first; 2 to 100 characters.</summary>
    Task<CustomerSearchPage> SearchAsync(string query, int pageSize, string? continuationToken);
}

/// <summary>One customer found, with the share of the query it matched (0-100, 100: every part of the query).</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.search-hit")]
public sealed record CustomerSearchHit([property: Id(0)] CustomerSummary Customer, [property: Id(1)] int Score);

[GenerateSerializer, Immutable, Alias("crm.customers.search-page")]
public sealed record CustomerSearchPage(
    [property: Id(0)] ImmutableArray<CustomerSearchHit> Items,
    [property: Id(1)] string? ContinuationToken);
