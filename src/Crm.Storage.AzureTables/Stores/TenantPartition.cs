namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// PartitionKeys of the form "tenant|rest". The tenant part must not hold '|' (TableKey leaves it as is): otherwise
/// tenant "a|b" with rest "c" and tenant "a" with rest "b|c" would share a partition. Tenant ids are validated
/// upstream (lowercase letters, digits, '-'); this is the store refusing to rely on that.
/// </summary>
internal static class TenantPartition
{
    public static string Key(string tenantId, string rest)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (tenantId.Contains('|'))
        {
            throw new ArgumentException($"Tenant id '{tenantId}' holds '|', which separates the tenant in partition keys.", nameof(tenantId));
        }

        return TableKey.Escape(tenantId) + "|" + rest;
    }
}
