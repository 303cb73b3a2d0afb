namespace Crm.Contracts.Audit;

/// <summary>Audit logs are per tenant; events that belong to no tenant go to one shared log.</summary>
public static class AuditTenant
{
    /// <summary>
    /// The log of platform operator actions and sign-in events. The leading '_' can never be a tenant id
    /// (those are lowercase slugs), so it cannot clash with a real tenant.
    /// </summary>
    public const string Platform = "_platform";
}
