using Crm.Domain.Cases;
using Crm.Domain.Surveys;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Surveys;

public sealed class TransactionalRuleTests
{
    private static readonly DateTimeOffset Resolved = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly TransactionalRule Rule = new()
    {
        Enabled = true,
        SurveyId = "csat",
        Kinds = [CaseKind.Complaint, CaseKind.AfterSales],
        Delay = TimeSpan.FromHours(2),
        CooldownDays = 30,
    };

    [Fact]
    public void Decide_KindSurveyedAndNoRecentInvitation_SendsAfterTheDelay()
    {
        var decision = Rule.Decide(CaseKind.Complaint, Resolved, null);

        Assert.True(decision.Offers);
        Assert.Equal(Resolved.AddHours(2), decision.SendAt);
        Assert.Null(decision.SkippedBecause);
    }

    [Fact]
    public void Decide_KindNotInTheRule_Skips()
    {
        Assert.Equal(TransactionalSkip.KindNotSurveyed, Rule.Decide(CaseKind.Inquiry, Resolved, null).SkippedBecause);
    }

    [Fact]
    public void Decide_RuleOffOrWithoutSurvey_Skips()
    {
        Assert.Equal(TransactionalSkip.RuleOff, TransactionalRule.Off.Decide(CaseKind.Complaint, Resolved, null).SkippedBecause);
        Assert.Equal(TransactionalSkip.RuleOff, (Rule with { SurveyId = null }).Decide(CaseKind.Complaint, Resolved, null).SkippedBecause);
        Assert.False((Rule with { Enabled = false }).Decide(CaseKind.Complaint, Resolved, null).Offers);
    }

    [Theory]
    [InlineData(-29, false)]
    [InlineData(-30, true)]
    [InlineData(-45, true)]
    public void Decide_CooldownFromTheLastInvitation_CountsToTheSendTime(int lastInvitedDaysAgo, bool offers)
    {
        // The send time is two hours after resolution, so "exactly 30 days" is measured to it.
        var last = Resolved.AddHours(2).AddDays(lastInvitedDaysAgo);

        var decision = Rule.Decide(CaseKind.AfterSales, Resolved, last);

        Assert.Equal(offers, decision.Offers);
        Assert.Equal(offers ? null : TransactionalSkip.InvitedRecently, decision.SkippedBecause);
    }

    [Fact]
    public void Decide_NoCooldown_InvitesEveryTime()
    {
        Assert.True((Rule with { CooldownDays = 0 }).Decide(CaseKind.Complaint, Resolved, Resolved).Offers);
    }

    [Property(MaxTest = 300)]
    public bool Decide_NeverTwoInvitationsWithinTheCooldown(ushort gapHours, byte cooldownDays)
    {
        var rule = Rule with { CooldownDays = cooldownDays % 60 };
        var first = rule.Decide(CaseKind.Complaint, Resolved, null);
        var second = rule.Decide(CaseKind.Complaint, Resolved.AddHours(gapHours), first.SendAt);
        return !second.Offers || second.SendAt!.Value - first.SendAt!.Value >= TimeSpan.FromDays(rule.CooldownDays);
    }

    [Fact]
    public void Validate_TheDefaultsAndAGoodRule_AreValid()
    {
        Assert.Empty(TransactionalRule.Off.Validate(_ => false));
        Assert.Empty(Rule.Validate(id => id == "csat"));
    }

    [Fact]
    public void Validate_EveryBadField_IsNamed()
    {
        var bad = Rule with
        {
            SurveyId = "gone",
            Kinds = [(CaseKind)9],
            Delay = TimeSpan.FromDays(8),
            CooldownDays = 366,
            ValidityDays = 0,
        };

        Assert.Equal(["surveyId", "kinds", "delay", "cooldownDays", "validityDays"], bad.Validate(_ => false).Select(p => p.Field));
        Assert.Equal(["kinds"], (Rule with { Kinds = [] }).Validate(_ => true).Select(p => p.Field));
        Assert.Equal(["delay"], (Rule with { Delay = TimeSpan.FromSeconds(-1) }).Validate(_ => true).Select(p => p.Field));
        Assert.Empty((Rule with { Delay = TransactionalRule.MaxDelay, CooldownDays = 365, ValidityDays = 90 }).Validate(_ => true));
    }
}
