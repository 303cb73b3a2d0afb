using System.Collections.Immutable;
using Crm.Contracts.Access;
using static Crm.Contracts.Access.Permission;
using static Crm.Contracts.Access.Role;

namespace Crm.Domain.Tests.Access;

/// <summary>
/// The whole role × permission table, cell by cell: a change to <see cref="AccessRules"/> must change this file,
/// so nobody widens a role by accident.
/// </summary>
public sealed class AccessRulesTests
{
    private const string TenantA = "tenant-a";
    private const string TenantB = "tenant-b";

    private static readonly Permission[] AllPermissions = Enum.GetValues<Permission>();

    [Theory]
    [InlineData(Agent, CustomersRead, true)]
    [InlineData(Agent, CustomersWrite, true)]
    [InlineData(Agent, CustomersErase, false)]
    [InlineData(Agent, CustomersExport, false)]
    [InlineData(Agent, PersonalDataView, true)]
    [InlineData(Agent, AuditRead, false)]
    [InlineData(Agent, UsersManage, false)]
    [InlineData(Agent, TenantsManage, false)]
    [InlineData(Agent, CasesRead, true)]
    [InlineData(Agent, CasesWrite, true)]
    [InlineData(Agent, CasesAssign, false)]
    [InlineData(Agent, EscalationsRead, false)]
    [InlineData(Agent, MacrosManage, false)]
    [InlineData(Agent, ServiceDeskConfigure, false)]
    [InlineData(Agent, ReportsRead, false)]
    [InlineData(Agent, ReportsManage, false)]
    [InlineData(Agent, ModelsManage, false)]
    [InlineData(TeamLead, CustomersRead, true)]
    [InlineData(TeamLead, CustomersWrite, true)]
    [InlineData(TeamLead, CustomersErase, false)]
    [InlineData(TeamLead, CustomersExport, true)]
    [InlineData(TeamLead, PersonalDataView, true)]
    [InlineData(TeamLead, AuditRead, false)]
    [InlineData(TeamLead, UsersManage, false)]
    [InlineData(TeamLead, TenantsManage, false)]
    [InlineData(TeamLead, CasesRead, true)]
    [InlineData(TeamLead, CasesWrite, true)]
    [InlineData(TeamLead, CasesAssign, true)]
    [InlineData(TeamLead, EscalationsRead, true)]
    [InlineData(TeamLead, MacrosManage, true)]
    [InlineData(TeamLead, ServiceDeskConfigure, false)]
    [InlineData(TeamLead, ReportsRead, false)]
    [InlineData(TeamLead, ReportsManage, false)]
    [InlineData(TeamLead, ModelsManage, false)]
    [InlineData(Analyst, CustomersRead, true)]
    [InlineData(Analyst, CustomersWrite, false)]
    [InlineData(Analyst, CustomersErase, false)]
    [InlineData(Analyst, CustomersExport, true)]
    [InlineData(Analyst, PersonalDataView, false)]
    [InlineData(Analyst, AuditRead, false)]
    [InlineData(Analyst, UsersManage, false)]
    [InlineData(Analyst, TenantsManage, false)]
    [InlineData(Analyst, CasesRead, false)]
    [InlineData(Analyst, CasesWrite, false)]
    [InlineData(Analyst, CasesAssign, false)]
    [InlineData(Analyst, EscalationsRead, false)]
    [InlineData(Analyst, MacrosManage, false)]
    [InlineData(Analyst, ServiceDeskConfigure, false)]
    [InlineData(Analyst, ReportsRead, false)]
    [InlineData(Analyst, ReportsManage, false)]
    [InlineData(Analyst, ModelsManage, true)]
    [InlineData(AccountManager, CustomersRead, true)]
    [InlineData(AccountManager, CustomersWrite, false)]
    [InlineData(AccountManager, CustomersErase, false)]
    [InlineData(AccountManager, CustomersExport, false)]
    [InlineData(AccountManager, PersonalDataView, false)]
    [InlineData(AccountManager, AuditRead, false)]
    [InlineData(AccountManager, UsersManage, false)]
    [InlineData(AccountManager, TenantsManage, false)]
    [InlineData(AccountManager, CasesRead, false)]
    [InlineData(AccountManager, CasesWrite, false)]
    [InlineData(AccountManager, CasesAssign, false)]
    [InlineData(AccountManager, EscalationsRead, false)]
    [InlineData(AccountManager, MacrosManage, false)]
    [InlineData(AccountManager, ServiceDeskConfigure, false)]
    [InlineData(AccountManager, ReportsRead, true)]
    [InlineData(AccountManager, ReportsManage, false)]
    [InlineData(AccountManager, ModelsManage, false)]
    [InlineData(TenantAdmin, CustomersRead, true)]
    [InlineData(TenantAdmin, CustomersWrite, true)]
    [InlineData(TenantAdmin, CustomersErase, true)]
    [InlineData(TenantAdmin, CustomersExport, true)]
    [InlineData(TenantAdmin, PersonalDataView, true)]
    [InlineData(TenantAdmin, AuditRead, true)]
    [InlineData(TenantAdmin, UsersManage, true)]
    [InlineData(TenantAdmin, TenantsManage, false)]
    [InlineData(TenantAdmin, CasesRead, true)]
    [InlineData(TenantAdmin, CasesWrite, true)]
    [InlineData(TenantAdmin, CasesAssign, true)]
    [InlineData(TenantAdmin, EscalationsRead, true)]
    [InlineData(TenantAdmin, MacrosManage, true)]
    [InlineData(TenantAdmin, ServiceDeskConfigure, true)]
    [InlineData(Agent, SurveysManage, false)]
    [InlineData(Agent, SurveyResultsRead, false)]
    [InlineData(TeamLead, SurveysManage, false)]
    [InlineData(TeamLead, SurveyResultsRead, true)]
    [InlineData(Analyst, SurveysManage, true)]
    [InlineData(Analyst, SurveyResultsRead, true)]
    [InlineData(AccountManager, SurveysManage, false)]
    [InlineData(AccountManager, SurveyResultsRead, true)]
    [InlineData(TenantAdmin, SurveysManage, true)]
    [InlineData(TenantAdmin, SurveyResultsRead, true)]
    [InlineData(TenantAdmin, ReportsRead, true)]
    [InlineData(TenantAdmin, ReportsManage, true)]
    [InlineData(TenantAdmin, ModelsManage, true)]
    public void Allows_MemberInOwnTenant_FollowsTheTable(Role role, Permission permission, bool expected)
    {
        var member = Member(TenantA, role);

        Assert.Equal(expected, AccessRules.RoleGrants(role, permission));
        Assert.Equal(expected, AccessRules.Allows(member, TenantA, permission));
        Assert.Equal(expected, AccessRules.Allows(false, member.Memberships, TenantA, permission));
    }

    [Fact]
    public void Table_CoversEveryTenantRoleAndPermission()
    {
        // The theory above has 95 rows; if a role or permission is added, this fails until the table grows.
        Assert.Equal([Agent, TeamLead, Analyst, AccountManager, TenantAdmin], AccessRules.TenantRoles.ToArray());
        Assert.Equal(19, AllPermissions.Length);
        Assert.Equal([Agent, TeamLead, Analyst, AccountManager, TenantAdmin, PlatformOperator], Enum.GetValues<Role>());
    }

    [Theory]
    [InlineData(CustomersRead, false)]
    [InlineData(CustomersWrite, false)]
    [InlineData(CustomersErase, false)]
    [InlineData(CustomersExport, false)]
    [InlineData(PersonalDataView, false)]
    [InlineData(AuditRead, false)]
    [InlineData(UsersManage, true)]
    [InlineData(TenantsManage, true)]
    [InlineData(CasesRead, false)]
    [InlineData(CasesWrite, false)]
    [InlineData(CasesAssign, false)]
    [InlineData(EscalationsRead, false)]
    [InlineData(MacrosManage, false)]
    [InlineData(ServiceDeskConfigure, false)]
    [InlineData(SurveysManage, false)]
    [InlineData(SurveyResultsRead, false)]
    [InlineData(ReportsRead, false)]
    [InlineData(ReportsManage, false)]
    [InlineData(ModelsManage, false)]
    public void Allows_PlatformOperator_SameInEveryTenantAndWithoutOne(Permission permission, bool expected)
    {
        var operatorSession = new UserSession("admin", "Platform administrator", true, []);

        Assert.Equal(expected, AccessRules.RoleGrants(PlatformOperator, permission));
        Assert.Equal(expected, AccessRules.Allows(operatorSession, TenantA, permission));
        Assert.Equal(expected, AccessRules.Allows(operatorSession, TenantB, permission));
        Assert.Equal(expected, AccessRules.Allows(operatorSession, null, permission));
    }

    [Fact]
    public void Allows_MemberOfTenantA_HasNothingInTenantB()
    {
        var admin = new UserSession("u", "U", false, [new TenantMembership(TenantA, [.. AccessRules.TenantRoles])]);

        Assert.All(AllPermissions, p => Assert.False(AccessRules.Allows(admin, TenantB, p), $"{p} in {TenantB}"));
        Assert.True(AccessRules.Allows(admin, TenantA, CustomersRead));
    }

    [Fact]
    public void Allows_NoTenant_GivesMembersNothing()
    {
        var admin = new UserSession("u", "U", false, [new TenantMembership(TenantA, [.. AccessRules.TenantRoles])]);

        Assert.All(AllPermissions, p => Assert.False(AccessRules.Allows(admin, null, p), p.ToString()));
    }

    [Fact]
    public void Allows_RolesAddUpWithinATenantOnly()
    {
        var user = new UserSession("u", "U", false,
        [
            new TenantMembership(TenantA, [Analyst]),
            new TenantMembership(TenantB, [Agent]),
        ]);

        Assert.True(AccessRules.Allows(user, TenantA, CustomersExport));
        Assert.False(AccessRules.Allows(user, TenantA, PersonalDataView));
        Assert.True(AccessRules.Allows(user, TenantB, PersonalDataView));
        Assert.False(AccessRules.Allows(user, TenantB, CustomersExport));
    }

    [Fact]
    public void Allows_PlatformOperatorAsAMemberRole_OpensNoTenantData()
    {
        // PlatformOperator is not a tenant role (the grains refuse it in memberships); even if stored, it grants nothing.
        var user = new UserSession("u", "U", false, [new TenantMembership(TenantA, [PlatformOperator])]);

        Assert.All(AllPermissions, p => Assert.False(AccessRules.Allows(user, TenantA, p), p.ToString()));
    }

    private static UserSession Member(string tenantId, Role role) =>
        new("u", "U", false, ImmutableArray.Create(new TenantMembership(tenantId, [role])));
}
