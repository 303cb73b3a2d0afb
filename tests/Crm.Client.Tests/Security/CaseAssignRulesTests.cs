using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Access;

namespace Crm.Client.Tests.Security;

/// <summary>The one assignment rule the API, the new-case page and the queue's bulk actions share.</summary>
public sealed class CaseAssignRulesTests
{
    private static ClaimsPrincipal Member(string username, Role role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, username), new Claim(CrmClaims.Membership, $"t1|{role}")], CrmClaims.ResolvedType));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("mei", true)]
    [InlineData(" MEI ", true)]
    [InlineData("lead", false)]
    public void MayAssignOnOpen_AgentWithoutCasesAssign_OnlyNobodyOrThemselves(string? assignee, bool allowed)
    {
        Assert.Equal(allowed, CaseAssignRules.MayAssignOnOpen(Member("mei", Role.Agent), "t1", assignee));
    }

    [Fact]
    public void MayAssign_TeamLead_MayGiveTheCaseToAnyoneOrUnassignIt()
    {
        var lead = Member("lead", Role.TeamLead);

        Assert.True(CaseAssignRules.MayAssign(lead, "t1", "mei"));
        Assert.True(CaseAssignRules.MayAssign(lead, "t1", null));
        Assert.False(CaseAssignRules.MayAssign(lead, "t2", "mei"));
    }

    [Fact]
    public void MayAssign_AgentUnassigning_NeedsCasesAssign()
    {
        Assert.False(CaseAssignRules.MayAssign(Member("mei", Role.Agent), "t1", null));
    }
}
