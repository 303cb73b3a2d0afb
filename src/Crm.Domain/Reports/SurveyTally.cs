using System.Collections.Immutable;

namespace Crm.Domain.Reports;

/// <summary>Satisfaction in a period: CSAT, NPS, dimension and model-score means, each with its n.</summary>
public sealed record SurveyTally
{
    public static SurveyTally Empty { get; } = new();

    public long Responses { get; init; }

    public MeanTally Csat { get; init; } = MeanTally.Empty;

    /// <summary>CSAT answers of 4 or 5.</summary>
    public long CsatSatisfied { get; init; }

    public long Promoters { get; init; }
    public long Passives { get; init; }
    public long Detractors { get; init; }

    public ImmutableSortedDictionary<string, MeanTally> Dimensions { get; init; } = ImmutableSortedDictionary<string, MeanTally>.Empty;

    public ImmutableSortedDictionary<string, MeanTally> ModelScores { get; init; } = ImmutableSortedDictionary<string, MeanTally>.Empty;

    public long NpsN => Promoters + Passives + Detractors;

    /// <summary>Promoters minus detractors, in percent of NPS answers; null without any.</summary>
    public double? Nps => NpsN == 0 ? null : 100.0 * (Promoters - Detractors) / NpsN;

    public bool Equals(SurveyTally? other) =>
        other is not null && Responses == other.Responses && Csat == other.Csat && CsatSatisfied == other.CsatSatisfied &&
        Promoters == other.Promoters && Passives == other.Passives && Detractors == other.Detractors &&
        Tallies.SameEntries(Dimensions, other.Dimensions) && Tallies.SameEntries(ModelScores, other.ModelScores);

    public override int GetHashCode() => HashCode.Combine(Responses, Csat, Promoters, Detractors);

    public SurveyTally Add(SurveyFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var next = this with { Responses = Responses + 1 };
        if (fact.Csat is { } csat)
        {
            next = next with { Csat = next.Csat.Add(csat), CsatSatisfied = next.CsatSatisfied + (csat >= 4 ? 1 : 0) };
        }

        if (fact.Nps is { } nps)
        {
            next = nps >= 9 ? next with { Promoters = next.Promoters + 1 }
                : nps >= 7 ? next with { Passives = next.Passives + 1 }
                : next with { Detractors = next.Detractors + 1 };
        }

        return next with
        {
            Dimensions = AddAll(next.Dimensions, fact.Dimensions),
            ModelScores = AddAll(next.ModelScores, fact.ModelScores),
        };
    }

    public SurveyTally Merge(SurveyTally other) => new()
    {
        Responses = Responses + other.Responses,
        Csat = Csat.Merge(other.Csat),
        CsatSatisfied = CsatSatisfied + other.CsatSatisfied,
        Promoters = Promoters + other.Promoters,
        Passives = Passives + other.Passives,
        Detractors = Detractors + other.Detractors,
        Dimensions = Tallies.Merge(Dimensions, other.Dimensions, (a, b) => a.Merge(b)),
        ModelScores = Tallies.Merge(ModelScores, other.ModelScores, (a, b) => a.Merge(b)),
    };

    private static ImmutableSortedDictionary<string, MeanTally> AddAll(
        ImmutableSortedDictionary<string, MeanTally> into, ImmutableDictionary<string, double> values)
    {
        var b = into.ToBuilder();
        foreach (var (name, value) in values)
        {
            b[name] = b.GetValueOrDefault(name, MeanTally.Empty).Add(value);
        }

        return b.ToImmutable();
    }
}
