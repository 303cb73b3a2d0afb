using Crm.Domain.Cases;
using Crm.Domain.Common;
using Crm.Domain.Surveys;

namespace Crm.Domain.Tests.Surveys;

/// <summary>
/// Every survey validation message in full: the API and the survey page show them as they are (ProblemTexts
/// translates by the English text), so a changed or emptied message is a visible change.
/// </summary>
public sealed class ValidationMessagesTests
{
    private static (string, string)[] Pairs(IEnumerable<FieldProblem> problems) => [.. problems.Select(p => (p.Field, p.Message))];

    [Fact]
    public void CampaignRules_Validate_Messages()
    {
        var day = new DateOnly(2026, 12, 1);
        string[] tiers = ["Standard", "Vip"];

        Assert.Equal(
            [("name", "Required."), ("to", "On or after 'from'."), ("audience", "Name a segment, tier or tag: a campaign never goes to every customer by accident.")],
            Pairs(CampaignRules.Validate(null, day, day.AddDays(-1), new(), tiers)));
        Assert.Equal(
            [("name", "At most 120 characters."), ("to", "A campaign runs at most 90 days."), ("audience.tier", "One of Standard, Vip.")],
            Pairs(CampaignRules.Validate(new string('x', 121), day, day.AddDays(90), new(Tier: "gold"), tiers)));
        // The limits themselves are allowed: 120 characters (after trimming), 90 days.
        Assert.Empty(CampaignRules.Validate(" " + new string('x', 120) + " ", day, day.AddDays(89), new(Tag: "t"), tiers));
    }

    [Fact]
    public void ResponseRules_Normalize_Messages()
    {
        var survey = SurveyDefaults.Definition();
        var answers = new SurveyAnswers(9, new Dictionary<string, int> { ["x"] = 1, ["response-speed"] = 0 }, 12, "weather", new string('a', 2001));

        Assert.Equal(
            [
                ("csat", "1 to 5."), ("dimensions.x", "Not a dimension of this survey."), ("dimensions.response-speed", "1 to 5."),
                ("nps", "0 to 10."), ("reason", "Not a reason this survey offers."), ("comment", "At most 2000 characters."),
            ],
            Pairs(ResponseRules.Normalize(survey, answers).Problems));
        Assert.Equal(
            [("nps", "This survey does not ask it."), ("reason", "Reasons are asked only for a rating of 2 or lower."), ("comment", "This survey does not ask for a comment.")],
            Pairs(ResponseRules.Normalize(survey with { AskNps = false, AskComment = false }, new(3, new Dictionary<string, int>(), 5, "other", "hi")).Problems));
    }

    [Fact]
    public void ResultsQuery_Validate_Messages()
    {
        var query = new ResultsQuery
        {
            From = new DateOnly(2026, 12, 2),
            To = new DateOnly(2026, 12, 1),
            Source = (SurveySource)9,
            Channel = (CaseChannel)9,
            By = (ResultsBreakdown)9,
        };

        Assert.Equal(
            [
                ("to", "On or after 'from'."), ("source", "Transactional, Campaign or Platform."), ("channel", "Web, Phone, Chat, Email or App."),
                ("by", "None, Day, Week, Month, Source, Category, Channel or Agent."),
            ],
            Pairs(query.Validate()));
    }

    [Fact]
    public void SurveyRules_Normalize_Messages()
    {
        var input = new SurveyDefinition
        {
            Title = null!,
            Intro = new("Hi", ""),
            Language = (SurveyLanguage)9,
            Dimensions = [new("Bad Key!", new("x", "x")), new("speed", new(new string('x', 81), "速度")), new("speed", new("Speed", "速度")), new("late", null!)],
            ReasonThreshold = 5,
        };

        Assert.Equal(
            [
                ("title", "Required, in English and Chinese."),
                ("intro.zhCn", "Required: every text a customer reads is given in English and Chinese."),
                ("language", "en or zh-CN."),
                ("dimensions[0].key", "1-40 lowercase letters, digits or '-', starting with a letter or digit."),
                ("dimensions[1].label.en", "At most 80 characters."),
                ("dimensions[2].key", "'speed' appears twice."),
                ("dimensions[3].label", "Required, in English and Chinese."),
                ("reasonThreshold", "Between 1 and 4: the highest CSAT answer that counts as low."),
            ],
            Pairs(SurveyRules.Normalize(input).Problems));
        var tooMany = new SurveyDefinition { Reasons = [.. Enumerable.Range(0, 13).Select(i => new SurveyChoice($"r{i}", new("R", "原因")))] };
        Assert.Equal([("reasons", "At most 12.")], Pairs(SurveyRules.Normalize(tooMany).Problems));
    }

    [Fact]
    public void TransactionalRule_Validate_Messages()
    {
        var bad = new TransactionalRule { Enabled = true, SurveyId = null, Kinds = [], Delay = TimeSpan.FromDays(-1), CooldownDays = -1, ValidityDays = 91 };

        Assert.Equal(
            [
                ("surveyId", "An enabled rule names one of the tenant's surveys."), ("kinds", "At least one case kind, or disable the rule."),
                ("delay", "Between 0 and 7 days."), ("cooldownDays", "Between 0 and 365."), ("validityDays", "Between 1 and 90."),
            ],
            Pairs(bad.Validate(_ => true)));
        Assert.Equal([("kinds", "Inquiry, Complaint or AfterSales.")], Pairs((TransactionalRule.Off with { Kinds = [(CaseKind)9] }).Validate(_ => true)));
        // The lower limits themselves are allowed: no delay, no cooldown.
        Assert.Empty((TransactionalRule.Off with { Delay = TimeSpan.Zero, CooldownDays = 0 }).Validate(_ => true));
    }
}
