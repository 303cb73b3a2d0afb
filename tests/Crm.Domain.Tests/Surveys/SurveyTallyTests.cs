using Crm.Domain.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Surveys;

public sealed class SurveyTallyTests
{
    private static readonly string[] Keys = ["product-quality", "service-attitude", "response-speed"];

    private static Gen<SurveyAnswers> AnswersGen =>
        from csat in Gen.Choose(1, 5)
        from nps in Gen.Choose(-1, 10)
        from ratings in Gen.ArrayOf(Gen.Choose(0, 5), Keys.Length)
        from reason in Gen.Elements<string?>(null, "slow-response", "other")
        from comment in Gen.Elements<string?>(null, "好")
        select new SurveyAnswers(
            csat,
            Keys.Zip(ratings).Where(p => p.Second > 0).ToDictionary(p => p.First, p => p.Second),
            nps < 0 ? null : nps,
            reason,
            comment);

    private static SurveyTally TallyOf(IEnumerable<SurveyAnswers> answers) => answers.Aggregate(SurveyTally.Empty, (t, a) => t.Add(a));

    [Fact]
    public void Add_OneAnswer_CountsEachPart()
    {
        var tally = SurveyTally.Empty.Add(new(2, new Dictionary<string, int> { ["service-attitude"] = 1 }, 6, "unfriendly", "慢"));

        Assert.Equal([0L, 1, 0, 0, 0], tally.CsatScores.ToArray());
        Assert.Equal(1, tally.NpsScores[6]);
        Assert.Equal(1, tally.Detractors);
        Assert.Equal(0, tally.Promoters);
        Assert.Equal(0, tally.Satisfied);
        Assert.Equal(new RatingSum(1, 1, 1), tally.Dimensions["service-attitude"]);
        Assert.Equal(1, tally.Reasons["unfriendly"]);
        Assert.Equal(1, tally.Comments);
    }

    [Theory]
    [InlineData(6, 1, 0)]
    [InlineData(7, 0, 0)]
    [InlineData(8, 0, 0)]
    [InlineData(9, 0, 1)]
    [InlineData(0, 1, 0)]
    public void Add_NpsScore_ClassifiesDetractorsPassivesPromoters(int score, int detractors, int promoters)
    {
        var tally = SurveyTally.Empty.Add(new(5, new Dictionary<string, int>(), score));

        Assert.Equal(detractors, tally.Detractors);
        Assert.Equal(promoters, tally.Promoters);
        Assert.Equal(1, tally.NpsCount);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    public void Add_Csat_SatisfiedIsFourOrFive(int csat, int satisfied)
    {
        Assert.Equal(satisfied, SurveyTally.Empty.Add(new(csat, new Dictionary<string, int>())).Satisfied);
    }

    [Fact]
    public void Invitations_CountedApartFromAnswers()
    {
        var tally = SurveyTally.Empty.AddInvitation().AddInvitation().AddInvitationAnswered();

        Assert.Equal(2, tally.Invited);
        Assert.Equal(1, tally.InvitationsAnswered);
        Assert.Equal(0, tally.CsatCount);
    }

    [Property(MaxTest = 200)]
    public Property Add_ThenSplitAnywhere_SumsToTheSameTally()
    {
        var input = from answers in Gen.ListOf(AnswersGen) from cut in Gen.Choose(0, answers.Count) select (answers, cut);
        return Prop.ForAll(input.ToArbitrary(), x =>
        {
            var whole = TallyOf(x.answers);
            var split = TallyOf(x.answers.Take(x.cut)) + TallyOf(x.answers.Skip(x.cut));
            return whole.SameCounts(split) && whole.CsatCount == x.answers.Count;
        });
    }

    [Property(MaxTest = 200)]
    public Property Sum_IsCommutativeAndEmptyIsItsIdentity()
    {
        var pair = from a in Gen.ListOf(AnswersGen) from b in Gen.ListOf(AnswersGen) select (TallyOf(a), TallyOf(b));
        return Prop.ForAll(pair.ToArbitrary(), p =>
            (p.Item1 + p.Item2).SameCounts(p.Item2 + p.Item1) && (p.Item1 + SurveyTally.Empty).SameCounts(p.Item1));
    }

    [Property(MaxTest = 200)]
    public Property Add_DimensionSums_MatchTheAnswers()
    {
        return Prop.ForAll(Gen.ListOf(AnswersGen).ToArbitrary(), answers =>
        {
            var tally = TallyOf(answers);
            return Keys.All(k =>
            {
                var ratings = answers.Where(a => a.Dimensions.ContainsKey(k)).Select(a => a.Dimensions[k]).ToList();
                var sum = tally.Dimensions.GetValueOrDefault(k);
                return sum.Count == ratings.Count && sum.Total == ratings.Sum() && sum.Squares == ratings.Sum(r => r * r);
            }) && tally.Promoters + tally.Detractors <= tally.NpsCount;
        });
    }

    [Fact]
    public void SameCounts_DifferentCounts_AreDifferent()
    {
        var one = SurveyTally.Empty.Add(new(5, new Dictionary<string, int>()));

        Assert.False(one.SameCounts(SurveyTally.Empty));
        Assert.False(SurveyTally.Empty.AddInvitation().SameCounts(SurveyTally.Empty));
        Assert.False(SurveyTally.Empty.AddInvitationAnswered().SameCounts(SurveyTally.Empty));
        Assert.False(SurveyTally.Empty.Add(new(5, new Dictionary<string, int>(), Comment: "c")).SameCounts(one));
        Assert.False(SurveyTally.Empty.Add(new(5, new Dictionary<string, int>(), Nps: 3)).SameCounts(one));
    }

    [Fact]
    public void Sum_AddsInvitationsAndAnsweredInvitations()
    {
        var a = SurveyTally.Empty.AddInvitation().AddInvitation().AddInvitationAnswered();
        var b = SurveyTally.Empty.AddInvitation().AddInvitationAnswered();

        var sum = a + b;

        Assert.Equal(3, sum.Invited);
        Assert.Equal(2, sum.InvitationsAnswered);
    }

    [Property(MaxTest = 100)]
    public Property Satisfied_Promoters_Detractors_FollowTheScales()
    {
        // The tally's index arithmetic and SurveyScales' reading of an answer are the same rule.
        return Prop.ForAll(Gen.ListOf(AnswersGen).ToArbitrary(), answers =>
        {
            var tally = TallyOf(answers);
            var nps = answers.Where(a => a.Nps is not null).Select(a => a.Nps!.Value).ToList();
            return tally.Satisfied == answers.Count(a => SurveyScales.IsSatisfied(a.Csat)) &&
                   tally.Promoters == nps.Count(SurveyScales.IsPromoter) && tally.Detractors == nps.Count(SurveyScales.IsDetractor);
        });
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void IsSatisfied_FourAndFive(int csat, bool satisfied) => Assert.Equal(satisfied, SurveyScales.IsSatisfied(csat));

    [Theory]
    [InlineData(6, false, true)]
    [InlineData(7, false, false)]
    [InlineData(8, false, false)]
    [InlineData(9, true, false)]
    [InlineData(10, true, false)]
    [InlineData(0, false, true)]
    public void IsPromoterAndIsDetractor_NineUpAndSixDown(int nps, bool promoter, bool detractor)
    {
        Assert.Equal(promoter, SurveyScales.IsPromoter(nps));
        Assert.Equal(detractor, SurveyScales.IsDetractor(nps));
    }
}
