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
}
