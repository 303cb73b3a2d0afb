using Crm.Contracts.Scoring;
using Crm.Scoring.Evaluation;
using Crm.Scoring.Models;

namespace Crm.Grains.Scoring;

/// <summary>Manifests as the wire shows them: NaN (a metric that cannot be computed) becomes null.</summary>
internal static class ModelViews
{
    public static ModelVersionView From(ModelManifest m, bool active) => new(
        m.Version, m.Label, m.CreatedAt, m.CreatedBy, m.Data.Source, m.Data.Rows, m.Data.PositiveRows, m.Data.From, m.Data.To,
        Metrics(m.Metrics), m.TrainSeconds, m.Options.ToString(), m.Sha256, active,
        m.Comparison?.ActiveVersion, Metrics(m.Comparison?.ActiveMetrics), m.Comparison?.Activated);

    private static ModelMetricsView? Metrics(BinaryMetrics? b) => b is null ? null : new(Finite(b.Accuracy), Finite(b.MacroF1), Finite(b.Auc), b.Rows);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
