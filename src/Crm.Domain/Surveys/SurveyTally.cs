using System.Collections.Immutable;

namespace Crm.Domain.Surveys;

/// <summary>
/// Counts for one bucket of results: updated as each response or invitation arrives and added together for any
/// filter, so analysis never reads the responses themselves. Every field is a count or an exact integer sum, so
/// adding tallies in any order or grouping gives the same result.
/// </summary>
public sealed record SurveyTally
{
    public static SurveyTally Empty { get; } = new();

    /// <summary>Answers per CSAT score; index 0 is score 1.</summary>
    public ImmutableArray<long> CsatScores { get; init; } = [.. new long[SurveyScales.RatingMax]];

    /// <summary>Answers per NPS score; index is the score.</summary>
    public ImmutableArray<long> NpsScores { get; init; } = [.. new long[SurveyScales.NpsMax + 1]];

    public ImmutableSortedDictionary<string, RatingSum> Dimensions { get; init; } = ImmutableSortedDictionary<string, RatingSum>.Empty;

    public ImmutableSortedDictionary<string, long> Reasons { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    public long Comments { get; init; }

    /// <summary>Invitations issued in this bucket, and how many of them were answered (counted in the invitation's bucket).</summary>
    public long Invited { get; init; }

    public long InvitationsAnswered { get; init; }

    public long CsatCount => CsatScores.Sum();

    public long Satisfied => CsatScores[3] + CsatScores[4];

    public long NpsCount => NpsScores.Sum();

    public long Promoters => NpsScores[9] + NpsScores[10];

    public long Detractors => NpsScores.Take(7).Sum();

    public SurveyTally Add(SurveyAnswers answers)
    {
        var dimensions = Dimensions;
        foreach (var (key, rating) in answers.Dimensions)
        {
            dimensions = dimensions.SetItem(key, dimensions.GetValueOrDefault(key).Add(rating));
        }

        return this with
        {
            CsatScores = CsatScores.SetItem(answers.Csat - 1, CsatScores[answers.Csat - 1] + 1),
            NpsScores = answers.Nps is { } nps ? NpsScores.SetItem(nps, NpsScores[nps] + 1) : NpsScores,
            Dimensions = dimensions,
            Reasons = answers.Reason is { } reason ? Reasons.SetItem(reason, Reasons.GetValueOrDefault(reason) + 1) : Reasons,
            Comments = Comments + (answers.Comment is null ? 0 : 1),
        };
    }

    public SurveyTally AddInvitation() => this with { Invited = Invited + 1 };

    public SurveyTally AddInvitationAnswered() => this with { InvitationsAnswered = InvitationsAnswered + 1 };

    public static SurveyTally operator +(SurveyTally a, SurveyTally b) => new()
    {
        CsatScores = [.. a.CsatScores.Zip(b.CsatScores, (x, y) => x + y)],
        NpsScores = [.. a.NpsScores.Zip(b.NpsScores, (x, y) => x + y)],
        Dimensions = Merge(a.Dimensions, b.Dimensions, (x, y) => x + y),
        Reasons = Merge(a.Reasons, b.Reasons, (x, y) => x + y),
        Comments = a.Comments + b.Comments,
        Invited = a.Invited + b.Invited,
        InvitationsAnswered = a.InvitationsAnswered + b.InvitationsAnswered,
    };

    /// <summary>Value equality over the counts (the record's own equality compares collections by reference).</summary>
    public bool SameCounts(SurveyTally other) =>
        CsatScores.SequenceEqual(other.CsatScores) && NpsScores.SequenceEqual(other.NpsScores) &&
        Dimensions.SequenceEqual(other.Dimensions) && Reasons.SequenceEqual(other.Reasons) &&
        Comments == other.Comments && Invited == other.Invited && InvitationsAnswered == other.InvitationsAnswered;

    private static ImmutableSortedDictionary<string, T> Merge<T>(
        ImmutableSortedDictionary<string, T> a, ImmutableSortedDictionary<string, T> b, Func<T, T, T> add)
    {
        var result = a;
        foreach (var (key, value) in b)
        {
            result = result.SetItem(key, result.TryGetValue(key, out var mine) ? add(mine, value) : value);
        }

        return result;
    }
}
