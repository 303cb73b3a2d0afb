using Crm.Contracts.Customers;

namespace Crm.Grains.Customers;

/// <summary>
/// The exact-match index over contact values: rows keyed by a keyed hash of (kind, normalised value), never the
/// value itself. Writes are idempotent, so a retried index write is safe.
/// </summary>
public interface ICustomerLookupStore
{
    Task AddAsync(string tenantId, string customerId, IReadOnlyCollection<ContactChannel> channels, CancellationToken cancellationToken = default);

    Task RemoveAsync(string tenantId, string customerId, IReadOnlyCollection<ContactChannel> channels, CancellationToken cancellationToken = default);

    /// <summary>Ids of customers indexed under the value; candidates only, the index may be stale.</summary>
    Task<IReadOnlyList<string>> FindAsync(string tenantId, ContactChannel channel, int max, CancellationToken cancellationToken = default);

    /// <summary>Indexes the customer's platform id (the profile's external reference), exactly as the platform writes it.</summary>
    Task AddPlatformIdAsync(string tenantId, string customerId, string platformId, CancellationToken cancellationToken = default);

    Task RemovePlatformIdAsync(string tenantId, string customerId, string platformId, CancellationToken cancellationToken = default);

    /// <summary>Ids of customers indexed under the platform id; candidates only.</summary>
    Task<IReadOnlyList<string>> FindPlatformIdAsync(string tenantId, string platformId, int max, CancellationToken cancellationToken = default);
}
