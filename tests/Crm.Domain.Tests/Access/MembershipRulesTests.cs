using Crm.Domain.Access;

namespace Crm.Domain.Tests.Access;

public sealed class MembershipRulesTests
{
    [Fact]
    public void RoleChangeProblem_RemovingYourself_IsRefused() =>
        Assert.Equal(MembershipRules.NotYourself, MembershipRules.RoleChangeProblem("li", "li", removes: true, adminsBefore: 2, adminsAfter: 1));

    [Fact]
    public void RoleChangeProblem_ChangingYourOwnRoles_IsAllowedWhileAnotherAdminStays() =>
        Assert.Null(MembershipRules.RoleChangeProblem("li", "li", removes: false, adminsBefore: 2, adminsAfter: 1));

    [Fact]
    public void RoleChangeProblem_RemovingSomeoneElse_IsAllowed() =>
        Assert.Null(MembershipRules.RoleChangeProblem("li", "wang", removes: true, adminsBefore: 1, adminsAfter: 1));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RoleChangeProblem_LeavingNoAdmin_IsRefused(bool removes) =>
        Assert.Equal(MembershipRules.LastTenantAdmin, MembershipRules.RoleChangeProblem("operator", "li", removes, adminsBefore: 1, adminsAfter: 0));

    [Fact]
    public void RoleChangeProblem_TenantWithoutAdminYet_MayBeChanged() =>
        Assert.Null(MembershipRules.RoleChangeProblem("operator", "li", removes: false, adminsBefore: 0, adminsAfter: 0));
}
