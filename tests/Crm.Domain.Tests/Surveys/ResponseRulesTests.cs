using Crm.Domain.Surveys;

namespace Crm.Domain.Tests.Surveys;

public sealed class ResponseRulesTests
{
    private static readonly SurveyDefinition Survey = SurveyDefaults.Definition();
    private static readonly Dictionary<string, int> NoDimensions = [];

    private static IReadOnlyList<string> Fields(SurveyAnswers answers, SurveyDefinition? survey = null) =>
        [.. ResponseRules.Normalize(survey ?? Survey, answers).Problems.Select(p => p.Field)];

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Normalize_CsatOnTheScale_IsAccepted(int csat)
    {
        Assert.Empty(Fields(new(csat, NoDimensions)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public void Normalize_CsatOffTheScale_NamesCsat(int csat)
    {
        Assert.Equal(["csat"], Fields(new(csat, NoDimensions)));
    }

    [Fact]
    public void Normalize_Dimensions_MustBeTheSurveysAndRated1To5()
    {
        var answers = new SurveyAnswers(4, new Dictionary<string, int> { ["product-quality"] = 5, ["response-speed"] = 0, ["price"] = 3 });

        var (normalized, problems) = ResponseRules.Normalize(Survey, answers);

        Assert.Equal(["dimensions.response-speed", "dimensions.price"], problems.Select(p => p.Field));
        Assert.Equal(5, Assert.Single(normalized.Dimensions).Value);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(-1, false)]
    public void Normalize_Nps_Is0To10(int nps, bool valid)
    {
        Assert.Equal(valid, Fields(new(4, NoDimensions, nps)).Count == 0);
    }

    [Fact]
    public void Normalize_NpsOnASurveyThatDoesNotAskIt_IsRefused()
    {
        Assert.Equal(["nps"], Fields(new(4, NoDimensions, 9), Survey with { AskNps = false }));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void Normalize_Reason_OnlyOnALowRating(int csat, bool allowed)
    {
        Assert.Equal(allowed, Fields(new(csat, NoDimensions, Reason: "slow-response")).Count == 0);
        Assert.Equal(allowed, ResponseRules.IsLow(Survey, csat));
    }

    [Fact]
    public void Normalize_HigherThreshold_OffersReasonsHigher()
    {
        Assert.Empty(Fields(new(3, NoDimensions, Reason: "other"), Survey with { ReasonThreshold = 3 }));
    }

    [Fact]
    public void IsLow_SurveyWithoutReasons_NeverOffersThem()
    {
        Assert.False(ResponseRules.IsLow(Survey with { Reasons = [] }, 1));
    }

    [Fact]
    public void Normalize_UnknownReason_IsRefused()
    {
        Assert.Equal(["reason"], Fields(new(1, NoDimensions, Reason: "weather")));
    }

    [Fact]
    public void Normalize_BlankReasonAndComment_AreDroppedAndTheCommentTrimmed()
    {
        var (blank, _) = ResponseRules.Normalize(Survey, new(5, NoDimensions, Reason: "  ", Comment: " \n "));
        var (trimmed, _) = ResponseRules.Normalize(Survey, new(5, NoDimensions, Comment: "  很好，谢谢！ "));

        Assert.Null(blank.Reason);
        Assert.Null(blank.Comment);
        Assert.Equal("很好，谢谢！", trimmed.Comment);
    }

    [Fact]
    public void Normalize_Comment_IsBoundedAndOnlyWhenAsked()
    {
        Assert.Empty(Fields(new(5, NoDimensions, Comment: new string('好', ResponseRules.MaxCommentLength))));
        Assert.Equal(["comment"], Fields(new(5, NoDimensions, Comment: new string('好', ResponseRules.MaxCommentLength + 1))));
        Assert.Equal(["comment"], Fields(new(5, NoDimensions, Comment: "hi"), Survey with { AskComment = false }));
    }

    [Fact]
    public void Normalize_EverythingWrong_ReportsEveryField()
    {
        var answers = new SurveyAnswers(9, new Dictionary<string, int> { ["x"] = 1 }, 12, "weather", new string('a', 3000));

        Assert.Equal(["csat", "dimensions.x", "nps", "reason", "comment"], Fields(answers));
    }
}
