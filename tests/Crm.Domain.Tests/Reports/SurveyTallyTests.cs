using System.Collections.Immutable;
using Crm.Domain.Reports;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Reports;

public sealed class SurveyTallyTests
{
    private static SurveyFact Response(int? csat, int? nps, double? speed = null) => new(
        Guid.NewGuid().ToString(), Facts.MonthStart, csat, nps,
        speed is { } s ? ImmutableDictionary<string, double>.Empty.Add("speed", s) : ImmutableDictionary<string, double>.Empty,
        ImmutableDictionary<string, double>.Empty);

    [Fact]
    public void Nps_IsPromotersMinusDetractors()
    {
        var t = new[] { 10, 9, 8, 7, 6, 0 }.Aggregate(SurveyTally.Empty, (x, n) => x.Add(Response(null, n)));
        Assert.Equal(2, t.Promoters);
        Assert.Equal(2, t.Passives);
        Assert.Equal(2, t.Detractors);
        Assert.Equal(6, t.NpsN);
        Assert.Equal(0, t.Nps);
        Assert.Equal(100, SurveyTally.Empty.Add(Response(null, 9)).Nps);
        Assert.Equal(-100, SurveyTally.Empty.Add(Response(null, 6)).Nps);
        Assert.Null(SurveyTally.Empty.Nps);
    }

    [Fact]
    public void Csat_MeanAndSatisfiedShare()
    {
        var t = new[] { 5, 4, 3, 1 }.Aggregate(SurveyTally.Empty, (x, c) => x.Add(Response(c, null, c)));
        Assert.Equal(4, t.Csat.N);
        Assert.Equal(3.25, t.Csat.Mean);
        Assert.Equal(2, t.CsatSatisfied);
        Assert.Equal(4, t.Responses);
        Assert.Equal(3.25, t.Dimensions["speed"].Mean);
        Assert.Equal(0, t.NpsN);
        Assert.Equal(0, SurveyTally.Empty.Add(Response(null, null)).Csat.N);
    }

    [Fact]
    public void MeanTally_StandardDeviationAndInterval()
    {
        var m = new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 }.Aggregate(MeanTally.Empty, (x, v) => x.Add(v));
        Assert.Equal(5, m.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), m.StandardDeviation!.Value, 12);
        Assert.Equal(1.96 * Math.Sqrt(32.0 / 7) / Math.Sqrt(8), m.HalfWidth95!.Value, 12);
        Assert.Null(MeanTally.Empty.Mean);
        Assert.Null(MeanTally.Empty.Add(3).StandardDeviation);
        Assert.Null(MeanTally.Empty.Add(3).HalfWidth95);
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanTally.Empty.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanTally.Empty.Add(double.PositiveInfinity));
    }

    [Fact]
    public void MeanTally_KeepsSixDecimals()
    {
        var m = MeanTally.Empty.Add(0.1234564).Add(0.1234565);
        Assert.Equal(0.246912m, m.Sum);
    }

    [Property(MaxTest = 200)]
    public bool Merge_IsAssociativeAndCommutative_Exactly(ulong[] a, ulong[] b, ulong[] c)
    {
        SurveyTally Of(ulong[] seeds) => seeds.Select((s, i) => Facts.Survey(s, i)).Aggregate(SurveyTally.Empty, (t, f) => t.Add(f));
        var (x, y, z) = (Of(a), Of(b), Of(c));
        return x.Merge(y).Merge(z) == x.Merge(y.Merge(z)) && x.Merge(y) == y.Merge(x) && x.Merge(SurveyTally.Empty) == x &&
               Of([.. a, .. b]) == x.Merge(y);
    }

    [Fact]
    public void Equals_SeesEveryField()
    {
        var t = SurveyTally.Empty.Add(Facts.Survey(2, 1));
        Assert.NotEqual(t, t with { Responses = 9 });
        Assert.NotEqual(t, t with { Csat = MeanTally.Empty });
        Assert.NotEqual(t, t with { CsatSatisfied = 9 });
        Assert.NotEqual(t, t with { Passives = 9 });
        Assert.NotEqual(t, t with { Detractors = 9 });
        Assert.NotEqual(t, t with { Promoters = 9 });
        Assert.NotEqual(t, t with { Dimensions = t.Dimensions.Clear() });
        Assert.NotEqual(t, t with { ModelScores = t.ModelScores.Add("m", MeanTally.Empty) });
        Assert.Equal(t, SurveyTally.Empty.Add(Facts.Survey(2, 1)));
        Assert.False(t.Equals(null));
    }

    [Fact]
    public void SlaTally_MetShare()
    {
        Assert.Null(SlaTally.Empty.MetShare);
        Assert.Equal(0.75, new SlaTally(Met: 3, Late: 1, Warned: 5, Breached: 2).MetShare);
        Assert.Equal(4, new SlaTally(Met: 3, Late: 1).Completed);
    }

    [Fact]
    public void Nps_And_Satisfied_OverSeveralResponses()
    {
        // 2 promoters, 1 detractor of 3: +33.3; satisfied are the 4s and 5s, 3 of 4.
        var t = new[] { 10, 9, 3 }.Aggregate(SurveyTally.Empty, (x, n) => x.Add(Response(null, n)));
        Assert.Equal(100.0 / 3, t.Nps!.Value, 10);
        var c = new[] { 5, 5, 4, 1 }.Aggregate(SurveyTally.Empty, (x, s) => x.Add(Response(s, null)));
        Assert.Equal(3, c.CsatSatisfied);
    }

    [Fact]
    public void MeanTally_TwoValues_HaveASpread()
    {
        var m = MeanTally.Empty.Add(1).Add(3);
        Assert.Equal(Math.Sqrt(2), m.StandardDeviation!.Value, 12);
        Assert.StartsWith("A finite number.", Assert.Throws<ArgumentOutOfRangeException>(() => MeanTally.Empty.Add(double.NaN)).Message);
    }

    [Fact]
    public void Add_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SurveyTally.Empty.Add(null!));
        Assert.Equal("survey/r-7", Facts.Survey(1, 7).Key);
    }
}
