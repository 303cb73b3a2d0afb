namespace Crm.Scoring.Insight;

/// <summary>
/// Finds the terms that set dissatisfied comments apart from satisfied ones: for each term, in how many comments of
/// each side it occurs, and the smoothed log odds ratio of occurring in a dissatisfied comment with its z-score
/// (Monroe, Colaresi and Quinn's "Fightin' Words", with a flat 0.5 prior). Pure: the tokenizer and the masking of
/// example comments are handed in, so it is tested without a segmenter dictionary or personal data.
/// </summary>
public static class ThemeContrast
{
    public static IReadOnlyList<Theme> Find(
        IReadOnlyList<(string Comment, bool Satisfied)> responses,
        Func<string, IEnumerable<string>> tokenize,
        Func<string, string> mask,
        int minimumDetractors = 5,
        int top = 10,
        int examples = 3)
    {
        var detractorCount = responses.Count(r => !r.Satisfied);
        var satisfiedCount = responses.Count - detractorCount;
        var occurrences = new Dictionary<string, (int Detractors, int Satisfied, List<int> Rows)>(StringComparer.Ordinal);
        for (var i = 0; i < responses.Count; i++)
        {
            foreach (var term in tokenize(responses[i].Comment).Distinct(StringComparer.Ordinal))
            {
                var entry = occurrences.GetValueOrDefault(term, (Detractors: 0, Satisfied: 0, Rows: new List<int>()));
                if (responses[i].Satisfied)
                {
                    entry.Satisfied++;
                }
                else
                {
                    entry.Detractors++;
                    entry.Rows.Add(i);
                }

                occurrences[term] = entry;
            }
        }

        return occurrences
            .Where(o => o.Value.Detractors >= minimumDetractors)
            .Select(o =>
            {
                var (logOdds, z) = LogOdds(o.Value.Detractors, detractorCount, o.Value.Satisfied, satisfiedCount);
                return new Theme(
                    o.Key, o.Value.Detractors, o.Value.Satisfied,
                    (double)o.Value.Detractors / detractorCount,
                    satisfiedCount == 0 ? double.NaN : (double)o.Value.Satisfied / satisfiedCount,
                    logOdds, z,
                    [.. o.Value.Rows.OrderBy(r => responses[r].Comment.Length).ThenBy(r => r).Select(r => responses[r].Comment).Distinct(StringComparer.Ordinal).Take(examples).Select(mask)]);
            })
            .Where(t => t.LogOdds > 0)
            .OrderByDescending(t => t.Z).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
    }

    /// <summary>Log odds ratio of a term in dissatisfied vs satisfied comments, each count smoothed by 0.5, and its z-score.</summary>
    internal static (double LogOdds, double Z) LogOdds(int inDetractors, int detractors, int inSatisfied, int satisfied)
    {
        double a = inDetractors + 0.5, b = detractors - inDetractors + 0.5, c = inSatisfied + 0.5, d = satisfied - inSatisfied + 0.5;
        var logOdds = Math.Log(a / b) - Math.Log(c / d);
        return (logOdds, logOdds / Math.Sqrt(1 / a + 1 / b + 1 / c + 1 / d));
    }
}

/// <summary>A theme of dissatisfied comments, with its counts, shares and a few masked example comments.</summary>
/// <param name="ShareOfDetractors">Share of dissatisfied comments that mention it.</param>
/// <param name="ShareOfSatisfied">Share of satisfied comments that mention it.</param>
public sealed record Theme(string Term, int Detractors, int Satisfied, double ShareOfDetractors, double ShareOfSatisfied, double LogOdds, double Z, IReadOnlyList<string> Examples);
