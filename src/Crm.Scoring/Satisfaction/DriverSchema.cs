using System.Globalization;

namespace Crm.Scoring.Satisfaction;

/// <summary>
/// The fixed feature vector of the satisfaction model, learned from training records: the comment's probability of
/// dissatisfaction and whether there was a comment; each numeric driver standardized, with a missing flag (a missing
/// value sits at the training mean, so it pulls neither way); each frequent category value one-hot.
/// Pure, so what the model sees is tested apart from ML.NET; the slot names are what the drivers report.
/// </summary>
public sealed record DriverSchema(
    IReadOnlyList<NumericDriver> Numeric,
    IReadOnlyList<CategoricalDriver> Categorical)
{
    public const string CommentSlot = "comment.dissatisfaction";
    public const string NoCommentSlot = "comment.missing";
    public const string MissingSuffix = ".missing";

    public static DriverSchema Learn(IReadOnlyList<SatisfactionRecord> records, int maxValuesPerCategory = 12, int minValueCount = 5)
    {
        var numeric = records.SelectMany(r => r.Numbers.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var values = records.Where(r => r.Numbers.ContainsKey(name)).Select(r => r.Numbers[name]).ToArray();
                var mean = values.Average();
                var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
                // Stryker disable once Equality : a spread of exactly 1e-9 is as good as none either way.
                return new NumericDriver(name, mean, sd > 1e-9 ? sd : 1);
            }).ToArray();
        var categorical = records.SelectMany(r => r.Categories.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new CategoricalDriver(name, [.. records
                .Where(r => r.Categories.ContainsKey(name))
                .GroupBy(r => r.Categories[name], StringComparer.Ordinal)
                .Where(g => g.Count() >= minValueCount)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(maxValuesPerCategory)
                .Select(g => g.Key)]))
            .ToArray();
        return new DriverSchema(numeric, categorical);
    }

    public IReadOnlyList<string> SlotNames =>
    [
        CommentSlot, NoCommentSlot,
        .. Numeric.SelectMany(n => new[] { n.Name, n.Name + MissingSuffix }),
        .. Categorical.SelectMany(c => c.Values.Select(v => $"{c.Name}={v}")),
    ];

    /// <param name="commentDissatisfaction">The comment model's probability, or null when there is no comment.</param>
    public float[] Vectorize(SatisfactionRecord record, double? commentDissatisfaction)
    {
        var vector = new float[SlotNames.Count];
        vector[0] = (float)(commentDissatisfaction ?? 0.5);
        vector[1] = commentDissatisfaction is null ? 1 : 0;
        var slot = 2;
        foreach (var driver in Numeric)
        {
            if (record.Numbers.TryGetValue(driver.Name, out var value) && double.IsFinite(value))
            {
                vector[slot] = (float)((value - driver.Mean) / driver.StandardDeviation);
            }
            else
            {
                vector[slot + 1] = 1;
            }

            slot += 2;
        }

        foreach (var driver in Categorical)
        {
            record.Categories.TryGetValue(driver.Name, out var value);
            foreach (var known in driver.Values)
            {
                vector[slot++] = string.Equals(value, known, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        return vector;
    }
}

public sealed record NumericDriver(string Name, double Mean, double StandardDeviation);

public sealed record CategoricalDriver(string Name, IReadOnlyList<string> Values)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Values.Count} values)");
}
