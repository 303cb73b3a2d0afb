namespace Crm.Contracts.Customers;

/// <summary>
/// Customer grain keys carry the tenant: "{tenantId}/{customerId}". The tenant prefix keeps one contract's
/// customers together in storage and lets every grain check which tenant it serves.
/// </summary>
public static class CustomerKey
{
    public static string Format(string tenantId, string customerId) => $"{tenantId}/{customerId}";

    public static (string TenantId, string CustomerId) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a customer key of the form tenant/customer.");
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
