using System.Globalization;

namespace Crm.Domain.Reports;

/// <summary>Where two aggregates disagree, field by field, in words an operator can act on.</summary>
public static class AggregateDiff
{
    public sealed record Difference(string Field, string Expected, string Actual);

    public static IReadOnlyList<Difference> Between(ReportAggregate expected, ReportAggregate actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var result = new List<Difference>();
        void Count(string field, long e, long a)
        {
            if (e != a)
            {
                result.Add(new(field, e.ToString(CultureInfo.InvariantCulture), a.ToString(CultureInfo.InvariantCulture)));
            }
        }

        void Map<TKey>(string field, IReadOnlyDictionary<TKey, long> e, IReadOnlyDictionary<TKey, long> a)
            where TKey : notnull
        {
            foreach (var key in e.Keys.Union(a.Keys))
            {
                Count($"{field}[{key}]", e.GetValueOrDefault(key), a.GetValueOrDefault(key));
            }
        }

        void Other<T>(string field, T e, T a, Func<T, string> describe)
            where T : notnull
        {
            if (!e.Equals(a))
            {
                result.Add(new(field, describe(e), describe(a)));
            }
        }

        Count(nameof(ReportAggregate.Facts), expected.Facts, actual.Facts);
        Count(nameof(ReportAggregate.Opened), expected.Opened, actual.Opened);
        Map(nameof(ReportAggregate.OpenedByKind), expected.OpenedByKind, actual.OpenedByKind);
        Map(nameof(ReportAggregate.OpenedBySeverity), expected.OpenedBySeverity, actual.OpenedBySeverity);
        Map(nameof(ReportAggregate.OpenedByCategory), expected.OpenedByCategory, actual.OpenedByCategory);
        Map(nameof(ReportAggregate.OpenedByChannel), expected.OpenedByChannel, actual.OpenedByChannel);
        Map(nameof(ReportAggregate.EnteredStatus), expected.EnteredStatus, actual.EnteredStatus);
        Count(nameof(ReportAggregate.BacklogIn), expected.BacklogIn, actual.BacklogIn);
        Count(nameof(ReportAggregate.BacklogOut), expected.BacklogOut, actual.BacklogOut);
        Map(nameof(ReportAggregate.BacklogByOpening), expected.BacklogByOpening, actual.BacklogByOpening);
        Count(nameof(ReportAggregate.Reopened), expected.Reopened, actual.Reopened);
        Count(nameof(ReportAggregate.Escalated), expected.Escalated, actual.Escalated);
        Count(nameof(ReportAggregate.Merged), expected.Merged, actual.Merged);
        Count(nameof(ReportAggregate.Retriaged), expected.Retriaged, actual.Retriaged);
        Other(nameof(ReportAggregate.FirstResponseTimes), expected.FirstResponseTimes, actual.FirstResponseTimes, Describe);
        Other(nameof(ReportAggregate.ResolutionTimes), expected.ResolutionTimes, actual.ResolutionTimes, Describe);
        Other(nameof(ReportAggregate.MajorResolutionTimes), expected.MajorResolutionTimes, actual.MajorResolutionTimes, Describe);
        Other(nameof(ReportAggregate.FirstResponseSla), expected.FirstResponseSla, actual.FirstResponseSla, Describe);
        Other(nameof(ReportAggregate.ResolutionSla), expected.ResolutionSla, actual.ResolutionSla, Describe);
        Other(nameof(ReportAggregate.MajorResolutionSla), expected.MajorResolutionSla, actual.MajorResolutionSla, Describe);
        Other(nameof(ReportAggregate.Surveys), expected.Surveys, actual.Surveys, Describe);
        return result;
    }

    private static string Describe(LatencyHistogram h) =>
        string.Create(CultureInfo.InvariantCulture, $"n={h.Count}, sum={h.SumMilliseconds} ms, max={h.Max}");

    private static string Describe(SlaTally t) =>
        string.Create(CultureInfo.InvariantCulture, $"met={t.Met}, late={t.Late}, warned={t.Warned}, breached={t.Breached}");

    private static string Describe(SurveyTally s) => string.Create(CultureInfo.InvariantCulture, $"responses={s.Responses}");
}
