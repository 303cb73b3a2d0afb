using Crm.Domain.Cases;
using Crm.Domain.Surveys;

namespace Crm.Domain.Tests.Surveys;

public sealed class SurveyResultsTests
{
    private static readonly DateOnly Nov30 = new(2026, 11, 30);

    private static SurveyTally Answers(int count, int csat, int? nps = null)
    {
        var tally = SurveyTally.Empty;
        for (var i = 0; i < count; i++)
        {
            tally = tally.Add(new(csat, new Dictionary<string, int> { ["response-speed"] = csat }, nps));
        }

        return tally;
    }

    private static readonly KeyValuePair<ResultKey, SurveyTally>[] Buckets =
    [
        new(new(Nov30, SurveySource.Transactional, "payment", CaseChannel.Chat, "amy"), Answers(20, 5, 10)),
        new(new(Nov30.AddDays(1), SurveySource.Transactional, "payment", CaseChannel.Phone, "bob"), Answers(20, 2, 3)),
        new(new(Nov30.AddDays(2), SurveySource.Campaign), Answers(10, 4)),
    ];

    [Fact]
    public void Compute_NoBreakdown_AddsEverythingInOneRow()
    {
        var row = Assert.Single(SurveyResults.Compute(Buckets, new ResultsQuery()));

        Assert.Equal(SurveyResults.All, row.Group);
        Assert.Equal(50, row.Responses);
        Assert.Equal(30.0 / 50, row.Csat.Value!.Value, 10);
        Assert.Equal(0.0, row.Nps.Value!.Value, 10);
        Assert.Equal(40, row.Nps.N);
        Assert.Equal((20 * 5 + 20 * 2 + 10 * 4) / 50.0, row.Dimensions["response-speed"].Value!.Value, 10);
        Assert.Equal([0L, 20, 0, 10, 20], row.CsatScores);
    }

    [Fact]
    public void Compute_ByAgent_GroupsAndShowsTooFewPerGroup()
    {
        var rows = SurveyResults.Compute(Buckets, new ResultsQuery { By = ResultsBreakdown.Agent });

        Assert.Equal(["-", "amy", "bob"], rows.Select(r => r.Group));
        Assert.All(rows, r => Assert.False(r.Csat.Enough));
        Assert.Equal([10L, 20, 20], rows.Select(r => r.Csat.N));
    }

    [Fact]
    public void Compute_Filters_SelectBuckets()
    {
        var chat = Assert.Single(SurveyResults.Compute(Buckets, new ResultsQuery { Channel = CaseChannel.Chat }));
        var transactional = Assert.Single(SurveyResults.Compute(Buckets, new ResultsQuery { Source = SurveySource.Transactional, Category = "payment" }));
        var range = Assert.Single(SurveyResults.Compute(Buckets, new ResultsQuery { From = Nov30.AddDays(1), To = Nov30.AddDays(1) }));
        var agent = Assert.Single(SurveyResults.Compute(Buckets, new ResultsQuery { Agent = "bob" }));

        Assert.Equal(20, chat.Responses);
        Assert.Equal(40, transactional.Responses);
        Assert.True(transactional.Csat.Enough);
        Assert.Equal(0.5, transactional.Csat.Value);
        Assert.Equal(20, range.Responses);
        Assert.Equal(20, agent.Responses);
    }

    [Fact]
    public void Compute_NothingMatches_OneEmptyRowOfTooFew()
    {
        var row = Assert.Single(SurveyResults.Compute(Buckets, new ResultsQuery { Agent = "nobody" }));

        Assert.Equal(0, row.Responses);
        Assert.False(row.Csat.Enough);
        Assert.Empty(SurveyResults.Compute(Buckets, new ResultsQuery { Agent = "nobody", By = ResultsBreakdown.Day }));
    }

    [Theory]
    [InlineData(ResultsBreakdown.Day, new[] { "2026-11-30", "2026-12-01", "2026-12-02" })]
    [InlineData(ResultsBreakdown.Week, new[] { "2026-W49" })]
    [InlineData(ResultsBreakdown.Month, new[] { "2026-11", "2026-12" })]
    [InlineData(ResultsBreakdown.Source, new[] { "Campaign", "Transactional" })]
    [InlineData(ResultsBreakdown.Category, new[] { "-", "payment" })]
    [InlineData(ResultsBreakdown.Channel, new[] { "-", "Chat", "Phone" })]
    public void Compute_Breakdowns_NameTheirGroups(ResultsBreakdown by, string[] groups)
    {
        Assert.Equal(groups, SurveyResults.Compute(Buckets, new ResultsQuery { By = by }).Select(r => r.Group));
    }

    [Fact]
    public void GroupOf_IsoWeek_CrossesTheYear()
    {
        Assert.Equal("2026-W53", SurveyResults.GroupOf(new(new DateOnly(2027, 1, 1), SurveySource.Platform), ResultsBreakdown.Week));
        Assert.Equal("2027-W01", SurveyResults.GroupOf(new(new DateOnly(2027, 1, 4), SurveySource.Platform), ResultsBreakdown.Week));
    }

    [Fact]
    public void Row_ResponseRate_FromInvitationsOfTheBucket()
    {
        var tally = Enumerable.Range(0, 40).Aggregate(SurveyTally.Empty, (t, i) => i < 10 ? t.AddInvitation().AddInvitationAnswered() : t.AddInvitation());

        var row = SurveyResults.Row("x", tally);

        Assert.Equal(0.25, row.ResponseRate.Value);
        Assert.Equal(40, row.ResponseRate.N);
    }

    [Fact]
    public void Validate_ReversedRangeAndUnknownEnums_AreNamed()
    {
        var query = new ResultsQuery { From = Nov30, To = Nov30.AddDays(-1), Source = (SurveySource)9, Channel = (CaseChannel)9, By = (ResultsBreakdown)99 };

        Assert.Equal(["to", "source", "channel", "by"], query.Validate().Select(p => p.Field));
        Assert.Empty(new ResultsQuery { From = Nov30, To = Nov30 }.Validate());
    }

    [Fact]
    public void DayOf_UsesTheTenantsZone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var lateUtc = new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 12, 1), ResultKey.DayOf(lateUtc, shanghai));
        Assert.Equal(new DateOnly(2026, 11, 30), ResultKey.DayOf(lateUtc, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Matches_TheRange_IncludesBothEndsAndNothingOutside()
    {
        var query = new ResultsQuery { From = Nov30, To = Nov30.AddDays(2) };

        Assert.False(query.Matches(new(Nov30.AddDays(-1), SurveySource.Campaign)));
        Assert.True(query.Matches(new(Nov30, SurveySource.Campaign)));
        Assert.True(query.Matches(new(Nov30.AddDays(2), SurveySource.Campaign)));
        Assert.False(query.Matches(new(Nov30.AddDays(3), SurveySource.Campaign)));
        Assert.True(new ResultsQuery { From = Nov30 }.Matches(new(Nov30.AddDays(400), SurveySource.Campaign)));
        Assert.True(new ResultsQuery { To = Nov30 }.Matches(new(Nov30.AddDays(-400), SurveySource.Campaign)));
    }
}
