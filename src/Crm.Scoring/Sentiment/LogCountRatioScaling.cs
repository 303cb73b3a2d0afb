using Microsoft.ML;
using Microsoft.ML.Data;

namespace Crm.Scoring.Sentiment;

/// <summary>
/// Fits a per-slot scaling of one feature column by |r|, the slot's naive-Bayes log-count ratio on the training data.
/// Scaling by |r| rather than r is the same to a linear model with a symmetric penalty (the sign goes into the weight).
/// The scaling is ML.NET's own min-max normalizer (zero fixed, so sparse stays sparse), fitted on two made-up rows,
/// 1/|r| and 0, so its per-slot scale is exactly |r|: a standard transform that saves and loads with the model file.
/// </summary>
internal static class LogCountRatioScaling
{
    /// <summary>Keeps a slot whose two labels are equally frequent from a division by zero; it is all but switched off.</summary>
    internal const double MinimumScale = 1e-3;

    public static ITransformer Fit(MLContext ml, IDataView featurized, string column, string label)
    {
        var type = (VectorDataViewType)featurized.Schema[column].Type;
        var counts = new LogCountRatio(type.Size);
        using (var cursor = featurized.GetRowCursor([featurized.Schema[column], featurized.Schema[label]]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(featurized.Schema[column]);
            var getLabel = cursor.GetGetter<bool>(featurized.Schema[label]);
            VBuffer<float> features = default;
            var dissatisfied = false;
            while (cursor.MoveNext())
            {
                getFeatures(ref features);
                getLabel(ref dissatisfied);
                counts.Add(PresentSlots(features), dissatisfied);
            }
        }

        var inverse = counts.Ratios().Select(r => (float)(1 / Math.Max(Math.Abs(r), MinimumScale))).ToArray();
        var definition = SchemaDefinition.Create(typeof(ScaleRow));
        definition[0].ColumnName = column;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, type.Size);
        var rows = ml.Data.LoadFromEnumerable<ScaleRow>([new() { Values = inverse }, new() { Values = new float[type.Size] }], definition);
        return ml.Transforms.NormalizeMinMax(column, column, fixZero: true).Fit(rows);
    }

    private static List<int> PresentSlots(in VBuffer<float> features)
    {
        var present = new List<int>();
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    present.Add(i);
                }
            }

            return present;
        }

        var indices = features.GetIndices();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                present.Add(indices[i]);
            }
        }

        return present;
    }

    private sealed class ScaleRow
    {
        public float[] Values { get; set; } = [];
    }
}
