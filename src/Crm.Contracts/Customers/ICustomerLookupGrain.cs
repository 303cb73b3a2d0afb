namespace Crm.Contracts.Customers;

/// <summary>
/// Finds a tenant's customers by exact email or phone number, keyed by tenant id. The index holds keyed hashes,
/// never the values; every hit is confirmed against the customer itself.
/// </summary>
public interface ICustomerLookupGrain : IGrainWithStringKey
{
    /// <summary>
    /// Customers whose <paramref name="kind"/> channel equals <paramref name="value"/> after normalisation (case of an
    /// email, formatting of a phone number do not matter). Only <see cref="ContactChannelKind.Email"/> and
    /// <see cref="ContactChannelKind.Phone"/> can be looked up.
    /// </summary>
    Task<ImmutableArray<CustomerSummary>> FindAsync(ContactChannelKind kind, string value);

    /// <summary>Customers whose platform id (the profile's external reference) is exactly <paramref name="platformId"/> (trimmed).</summary>
    Task<ImmutableArray<CustomerSummary>> FindByPlatformIdAsync(string platformId);

    /// <summary>
    /// Many lookups in one call (an import batch names hundreds of customers), answered in the order asked; a value that
    /// cannot be looked up gets its error instead of failing the others.
    /// </summary>
    Task<ImmutableArray<LookupResult>> FindManyAsync(ImmutableArray<LookupQuery> queries);
}

/// <summary>One value to look a customer up by: an email, a phone number, or (with no kind) a platform id.</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.lookup-query")]
public sealed record LookupQuery([property: Id(0)] ContactChannelKind? Kind, [property: Id(1)] string Value);

/// <summary>What one <see cref="LookupQuery"/> found, or why the value cannot be looked up (its field error message).</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.lookup-result")]
public sealed record LookupResult([property: Id(0)] ImmutableArray<CustomerSummary> Customers, [property: Id(1)] string? Error = null);
