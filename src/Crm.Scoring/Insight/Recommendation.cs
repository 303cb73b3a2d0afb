using System.Globalization;

namespace Crm.Scoring.Insight;

/// <summary>What a recommendation is about.</summary>
public enum RecommendationKind
{
    /// <summary>A case fact or rating whose adverse side goes with lower satisfaction.</summary>
    Driver,

    /// <summary>A theme that dissatisfied comments raise far more often than satisfied ones.</summary>
    Theme,
}

/// <summary>
/// A recommendation for the periodic report, in English and Chinese, with its evidence, ranked by the expected gain
/// in CSAT points. The expected gain is what the data shows if the adverse side did as well as the rest, not a promise.
/// </summary>
public sealed record Recommendation(RecommendationKind Kind, string Subject, double ExpectedGain, double Effect, double Low, double High,
    double ShareOfDetractors, int N, string English, string Chinese);

/// <summary>Derives ranked recommendations from driver effects and themes; pure, so its wording and order are tested.</summary>
public static class Recommendations
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="labels">Display names of drivers in (English, Chinese); a driver without one shows its own name.</param>
    public static IReadOnlyList<Recommendation> Derive(
        IEnumerable<DriverEffect> drivers, IEnumerable<Theme> themes, int responses,
        IReadOnlyDictionary<string, (string English, string Chinese)> labels, int top = 5)
    {
        var fromDrivers = drivers
            .Where(d => d.Low > 0) // Only effects whose interval excludes zero.
            .Select(d =>
            {
                var (en, zh) = labels.GetValueOrDefault(d.Driver, (d.Driver, d.Driver));
                var n = d.AdverseRows + d.OtherRows;
                var side = d.Threshold == 0.5 ? string.Empty : string.Create(Invariant, $" ({(d.AdverseAbove ? ">" : "<")} {d.Threshold:0.##})");
                return new Recommendation(RecommendationKind.Driver, d.Driver, d.ExpectedGain, d.Difference, d.Low, d.High, d.ShareOfDetractors, n,
                    string.Create(Invariant,
                        $"Act on {en}{side}: {Percent(d.AdverseRows, n)} of responses are on this side and are satisfied {Points(d.Difference)} points less often (95% CI {Points(d.Low)} to {Points(d.High)}, n = {n}); they make up {Percent(d.ShareOfDetractors)} of dissatisfied responses. Bringing them level with the rest would add about {d.ExpectedGain:0.0} CSAT points."),
                    string.Create(Invariant,
                        $"改善{zh}{side}：{Percent(d.AdverseRows, n)}的回复属于这种情况，其满意率低 {Points(d.Difference)} 个百分点（95% 置信区间 {Points(d.Low)}～{Points(d.High)}，n = {n}），占不满意回复的 {Percent(d.ShareOfDetractors)}。若能与其他回复持平，CSAT 约可提升 {d.ExpectedGain:0.0} 个百分点。"));
            });
        // A theme becomes a recommendation only when dissatisfied comments raise it at least twice as often as satisfied
        // ones: a common word such as "product" is frequent on both sides and ranks high on gain alone.
        var fromThemes = themes.Where(t => t.ShareOfDetractors >= 2 * t.ShareOfSatisfied).Select(t =>
        {
            var gain = 100.0 * t.Detractors / Math.Max(1, responses);
            // Stryker disable once Equality : at a share of 0 the division gives +∞ as well (themes have detractors).
            var ratio = t.ShareOfSatisfied > 0 ? t.ShareOfDetractors / t.ShareOfSatisfied : double.PositiveInfinity;
            var times = double.IsPositiveInfinity(ratio) ? "only in dissatisfied comments" : string.Create(Invariant, $"{ratio:0.0}× as often as satisfied ones");
            var timesZh = double.IsPositiveInfinity(ratio) ? "只出现在不满意评论中" : string.Create(Invariant, $"是满意评论的 {ratio:0.0} 倍");
            return new Recommendation(RecommendationKind.Theme, t.Term, gain, t.LogOdds, t.LogOdds - 1.96 * t.LogOdds / t.Z, t.LogOdds + 1.96 * t.LogOdds / t.Z,
                t.ShareOfDetractors, t.Detractors + t.Satisfied,
                string.Create(Invariant,
                    $"Look into \"{t.Term}\": {Percent(t.ShareOfDetractors)} of dissatisfied comments mention it ({t.Detractors}), {times}. Resolving it could win back up to {gain:0.0} CSAT points."),
                string.Create(Invariant,
                    $"关注“{t.Term}”：{Percent(t.ShareOfDetractors)}的不满意评论提到了它（{t.Detractors} 条），{timesZh}。解决这一问题，CSAT 最多可提升 {gain:0.0} 个百分点。"));
        });
        return [.. fromDrivers.Concat(fromThemes).OrderByDescending(r => r.ExpectedGain).ThenBy(r => r.Subject, StringComparer.Ordinal).Take(top)];
    }

    private static string Percent(int part, int whole) => Percent((double)part / whole);

    private static string Percent(double share) => (share * 100).ToString("0", Invariant) + "%";

    private static string Points(double share) => (share * 100).ToString("0.0", Invariant);
}
