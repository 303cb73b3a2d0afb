namespace Crm.Contracts.Access;

/// <summary>
/// The one table of who may do what. The front end enforces it on every endpoint and page; the tests walk every
/// endpoint against it. Analysts and account managers read customers masked and no cases: they work with aggregates.
/// </summary>
public static class AccessRules
{
    private static readonly IReadOnlyDictionary<Role, Permission[]> Grants = new Dictionary<Role, Permission[]>
    {
        [Role.Agent] = [Permission.CustomersRead, Permission.CustomersWrite, Permission.PersonalDataView, Permission.CasesRead, Permission.CasesWrite],
        [Role.TeamLead] =
        [
            Permission.CustomersRead, Permission.CustomersWrite, Permission.PersonalDataView, Permission.CustomersExport,
            Permission.CasesRead, Permission.CasesWrite, Permission.CasesAssign, Permission.EscalationsRead, Permission.MacrosManage,
            Permission.SurveyResultsRead,
        ],
        [Role.Analyst] = [Permission.CustomersRead, Permission.CustomersExport, Permission.SurveysManage, Permission.SurveyResultsRead, Permission.ModelsManage],
        [Role.AccountManager] = [Permission.CustomersRead, Permission.SurveyResultsRead, Permission.ReportsRead],
        [Role.TenantAdmin] =
        [
            Permission.CustomersRead, Permission.CustomersWrite, Permission.PersonalDataView, Permission.CustomersErase,
            Permission.CustomersExport, Permission.AuditRead, Permission.UsersManage,
            Permission.CasesRead, Permission.CasesWrite, Permission.CasesAssign, Permission.EscalationsRead, Permission.MacrosManage,
            Permission.ServiceDeskConfigure, Permission.SurveysManage, Permission.SurveyResultsRead,
            Permission.ReportsRead, Permission.ReportsManage, Permission.ModelsManage,
        ],
        // Operators set up tenants and their users, and nothing inside a tenant.
        [Role.PlatformOperator] = [Permission.TenantsManage, Permission.UsersManage],
    };

    /// <summary>Tenant roles, the ones a membership may hold.</summary>
    public static readonly ImmutableArray<Role> TenantRoles = [Role.Agent, Role.TeamLead, Role.Analyst, Role.AccountManager, Role.TenantAdmin];

    /// <summary>Permissions that are about the platform, not one tenant.</summary>
    public static bool IsPlatformScoped(Permission permission) => permission is Permission.TenantsManage;

    public static bool RoleGrants(Role role, Permission permission) =>
        Grants.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>
    /// Whether a user may do <paramref name="permission"/> in <paramref name="tenantId"/>. Operators hold their
    /// permissions in every tenant; everyone else only in tenants they belong to.
    /// </summary>
    public static bool Allows(bool isPlatformOperator, IEnumerable<TenantMembership> memberships, string? tenantId, Permission permission)
    {
        if (isPlatformOperator && RoleGrants(Role.PlatformOperator, permission))
        {
            return true;
        }

        if (IsPlatformScoped(permission) || tenantId is null)
        {
            return false;
        }

        // Only tenant roles count in a membership: an operator role smuggled into one must not grant anything.
        return memberships.Any(m => m.TenantId == tenantId && m.Roles.Any(r => r != Role.PlatformOperator && RoleGrants(r, permission)));
    }

    public static bool Allows(UserSession session, string? tenantId, Permission permission) =>
        Allows(session.IsPlatformOperator, session.Memberships, tenantId, permission);
}
