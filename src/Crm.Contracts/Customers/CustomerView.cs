namespace Crm.Contracts.Customers;

/// <summary>
/// A customer as read back: the normalised profile plus what the system keeps about it. After erasure
/// (<see cref="ErasedAt"/> set) the profile holds no personal data.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.customers.view")]
public sealed record CustomerView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] CustomerProfile Profile,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] long ArchiveCount,
    [property: Id(7)] DateTimeOffset? LastInteractionAt,
    [property: Id(8)] DateTimeOffset? ErasedAt = null)
{
    public bool Erased => ErasedAt is not null;
}
