using Crm.Scoring.Satisfaction;

namespace Crm.Scoring.Insight;

/// <summary>
/// The analyst's view of a tenant's responses in one call: the satisfaction model's cross-validated quality and
/// drivers, the effect of each driver that matters, the themes of dissatisfied comments, and the recommendations.
/// </summary>
public static class SatisfactionInsight
{
    public static InsightReport Analyze(IReadOnlyList<SatisfactionRecord> records, int folds, SatisfactionOptions options,
        Func<string, string>? mask = null, IReadOnlyDictionary<string, (string English, string Chinese)>? labels = null)
    {
        var evaluation = SatisfactionTraining.CrossValidate(records, folds, options);
        var full = SatisfactionTraining.Train(records, options);
        var weights = full.Schema.SlotNames.Zip(full.Weights).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        // Effects only for drivers whose importance clears twice its permutation spread: the rest are noise.
        var effects = evaluation.Drivers
            .Where(d => d.AucDrop > 2 * d.PermutationSpread && d.AucDrop > 0)
            .Select(d => d.Slot)
            .Where(slot => full.Schema.Numeric.Any(n => n.Name == slot))
            .Select(slot => DriverEffect.Measure(slot,
                [.. records.Select(r => (r.Numbers.TryGetValue(slot, out var v) ? v : (double?)null, r.Satisfied))],
                lowersSatisfaction: weights.GetValueOrDefault(slot) < 0))
            .OfType<DriverEffect>()
            .ToArray();
        var themes = options.UseComments
            ? ThemeContrast.Find([.. records.Where(r => r.Comment is not null).Select(r => (r.Comment!, r.Satisfied))], ThemeTokenizer.Terms, mask ?? (t => t))
            : [];
        var recommendations = Recommendations.Derive(effects, themes, records.Count, labels ?? DriverLabels.Known);
        return new InsightReport(evaluation, effects, themes, recommendations);
    }
}

public sealed record InsightReport(SatisfactionEvaluation Evaluation, IReadOnlyList<DriverEffect> Effects, IReadOnlyList<Theme> Themes, IReadOnlyList<Recommendation> Recommendations);

/// <summary>Display names (English, Chinese) of the drivers the product and the evaluation datasets know.</summary>
public static class DriverLabels
{
    public static IReadOnlyDictionary<string, (string English, string Chinese)> Known { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["late"] = ("late delivery", "延迟送达"),
        ["days_vs_estimate"] = ("delivery days against the estimate", "实际送达与预计时间之差"),
        ["delivery_days"] = ("delivery time", "送达时长"),
        ["delivered"] = ("orders never delivered", "未送达的订单"),
        ["firstResponseHours"] = ("first-response time", "首次响应时长"),
        ["resolutionHours"] = ("resolution time", "解决时长"),
        ["slaBreached"] = ("SLA breaches", "超出 SLA 时限"),
        ["reopenCount"] = ("reopened cases", "工单重新打开"),
    };
}
