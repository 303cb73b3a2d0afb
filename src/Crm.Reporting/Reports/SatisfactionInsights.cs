using Crm.Contracts.Surveys;
using Crm.Reporting.Charts;

namespace Crm.Reporting.Reports;

/// <summary>
/// The satisfaction section's analysis per survey: the drivers (with the method, importance and observed effect with
/// its interval), the top themes and the recommendations with their evidence. It comes from each survey's insights,
/// which read survey responses, never cases. Too few responses: the report says so instead.
/// </summary>
public static class SatisfactionInsights
{
    public const int TopDrivers = 6;
    public const int TopThemes = 5;

    public static ReportSection Append(ReportSection section, ReportInput input, ReportText t)
    {
        var paragraphs = new List<string>(section.Paragraphs);
        var tables = new List<ReportTable>(section.Tables);
        var charts = new List<ReportChart>(section.Charts);
        foreach (var insights in input.Insights ?? [])
        {
            var survey = insights.SurveyId;
            if (!insights.Enough)
            {
                paragraphs.Add(t.Format("InsightsTooFew", survey, t.Number(insights.Responses), insights.MinResponses));
                continue;
            }

            paragraphs.Add(t.Format("InsightsMethod", survey, t.Number(insights.Responses), t.Number(insights.Dissatisfied), insights.Folds, insights.Permutations,
                t.Number(insights.ModelAuc)));
            var drivers = insights.Drivers.Take(TopDrivers).ToArray();
            tables.Add(new ReportTable($"drivers-{survey}", t.Format("TableDrivers", survey),
                [t["ColDriver"], t["ColImportance"], t["ColSpread"], t["ColEffect"], t["ColInterval"], t["ColShareOfDetractors"], t["ColN"]],
                [.. drivers.Select(d => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(d.Label),
                    ReportCell.Of(Points(t, d.Importance), Round(d.Importance * 100)),
                    ReportCell.Of(Points(t, d.PermutationSpread), Round(d.PermutationSpread * 100)),
                    d.Effect is { } e ? ReportCell.Of(Points(t, e.Difference), Round(e.Difference * 100)) : ReportCell.Of(t["NotAvailable"], null),
                    ReportCell.Of(d.Effect is { } i ? $"{Points(t, i.Low)} – {Points(t, i.High)}" : t["NotAvailable"]),
                    d.Effect is { } s ? ReportCell.Of(t.Share(s.ShareOfDetractors), Round(s.ShareOfDetractors * 100)) : ReportCell.Of(t["NotAvailable"], null),
                    d.Effect is { } n ? ReportCell.Of(t.Number(n.AdverseRows + n.OtherRows), n.AdverseRows + n.OtherRows) : ReportCell.Of(t["NotAvailable"], null),
                ])]));
            if (drivers.Length > 0)
            {
                charts.Add(InsightCharts.Drivers(t, $"drivers-{survey}", drivers));
            }

            tables.Add(new ReportTable($"themes-{survey}", t.Format("TableThemes", survey),
                [t["ColTheme"], t["ColShareOfDetractors"], t["ColCount"], t["ColShareOfSatisfied"]],
                [.. insights.Themes.Take(TopThemes).Select(th => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(th.Term),
                    ReportCell.Of(t.Share(th.ShareOfDetractors), Round(th.ShareOfDetractors * 100)),
                    ReportCell.Of(t.Number(th.Detractors), th.Detractors),
                    ReportCell.Of(t.Share(th.ShareOfSatisfied), Round(th.ShareOfSatisfied * 100)),
                ])]));
            tables.Add(new ReportTable($"recommendations-{survey}", t.Format("TableRecommendations", survey),
                [t["ColRank"], t["ColRecommendation"], t["ColExpectedGain"], t["ColShareOfDetractors"], t["ColN"]],
                [.. insights.Recommendations.Select(r => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(t.Number(r.Rank), r.Rank),
                    ReportCell.Of(r.Text),
                    ReportCell.Of(t.Number(r.ExpectedGain, "0.0"), Round(r.ExpectedGain)),
                    ReportCell.Of(t.Share(r.ShareOfDetractors), Round(r.ShareOfDetractors * 100)),
                    ReportCell.Of(t.Number(r.N), r.N),
                ])]));
            if (insights.Recommendations.Length == 0)
            {
                paragraphs.Add(t.Format("NoRecommendations", survey));
            }
        }

        return section with { Paragraphs = paragraphs, Tables = tables, Charts = charts };
    }

    private static string Points(ReportText t, double share) => t.Number(share * 100, "0.0");

    private static decimal Round(double value) => Math.Round((decimal)value, 2);
}
