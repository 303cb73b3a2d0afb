namespace Crm.Contracts.Access;

/// <summary>
/// What a user does in a tenant. Stored in user state: never renumber. <see cref="PlatformOperator"/> is platform-wide,
/// not a tenant role: it runs the deployment (tenants, their first users) and sees no tenant's customers.
/// </summary>
public enum Role
{
    Agent = 0,
    TeamLead = 1,
    Analyst = 2,
    AccountManager = 3,
    TenantAdmin = 4,
    PlatformOperator = 10,
}
