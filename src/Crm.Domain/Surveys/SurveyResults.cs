using System.Globalization;

namespace Crm.Domain.Surveys;

/// <summary>The figures for one group of responses: every one with its n and interval, or "too few".</summary>
public sealed record ResultsRow(
    string Group,
    long Responses,
    SurveyFigure Csat,
    SurveyFigure Nps,
    IReadOnlyDictionary<string, SurveyFigure> Dimensions,
    SurveyFigure ResponseRate,
    IReadOnlyDictionary<string, long> Reasons,
    IReadOnlyList<long> CsatScores);

/// <summary>Adds up the buckets a query matches, per group, and computes the figures.</summary>
public static class SurveyResults
{
    /// <summary>The group label of the whole selection, when nothing breaks it down.</summary>
    public const string All = "all";

    /// <summary>The group label of responses without the fact asked for (a campaign response has no agent).</summary>
    public const string None = "-";

    public static IReadOnlyList<ResultsRow> Compute(IEnumerable<KeyValuePair<ResultKey, SurveyTally>> buckets, ResultsQuery query)
    {
        var groups = new SortedDictionary<string, SurveyTally>(StringComparer.Ordinal);
        foreach (var (key, tally) in buckets)
        {
            if (!query.Matches(key))
            {
                continue;
            }

            var group = GroupOf(key, query.By);
            groups[group] = groups.TryGetValue(group, out var sum) ? sum + tally : tally;
        }

        if (groups.Count == 0 && query.By == ResultsBreakdown.None)
        {
            groups[All] = SurveyTally.Empty;
        }

        return [.. groups.Select(g => Row(g.Key, g.Value))];
    }

    public static ResultsRow Row(string group, SurveyTally t) => new(
        group,
        t.CsatCount,
        SurveyStatistics.Csat(t),
        SurveyStatistics.Nps(t),
        t.Dimensions.ToDictionary(d => d.Key, d => SurveyStatistics.Mean(d.Value), StringComparer.Ordinal),
        SurveyStatistics.ResponseRate(t.InvitationsAnswered, t.Invited),
        t.Reasons,
        t.CsatScores);

    /// <summary>The group a bucket falls in: ISO dates sort as they read, weeks as ISO weeks (2026-W48), months as 2026-11.</summary>
    public static string GroupOf(ResultKey key, ResultsBreakdown by) => by switch
    {
        ResultsBreakdown.Day => key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ResultsBreakdown.Week => Week(key.Day),
        ResultsBreakdown.Month => key.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ResultsBreakdown.Source => key.Source.ToString(),
        ResultsBreakdown.Category => key.Category ?? None,
        ResultsBreakdown.Channel => key.Channel?.ToString() ?? None,
        ResultsBreakdown.Agent => key.Agent ?? None,
        _ => All,
    };

    private static string Week(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }
}
