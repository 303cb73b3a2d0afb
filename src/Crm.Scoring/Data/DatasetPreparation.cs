using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Scoring.Data;

/// <summary>
/// Converts the public evaluation datasets whose files are not already text,label CSV into the evaluation command's
/// input: UTF-8 CSV with columns <c>text</c>, <c>label</c> (and, for Olist, the delivery facts).
/// </summary>
public static class DatasetPreparation
{
    public const string TextColumn = "text";
    public const string LabelColumn = "label";

    /// <summary>
    /// UCI "Sentiment Labelled Sentences": one <c>sentence TAB label</c> per line, no quoting (sentences hold stray
    /// quotes) and lines split on LF only (sentences hold U+0085, which .NET's ReadLine would treat as a line break).
    /// </summary>
    public static int ConvertUci(IEnumerable<string> inputPaths, string outputPath)
    {
        var rows = new List<(string Text, string Label)>();
        foreach (var path in inputPaths)
        {
            var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                var tab = line.LastIndexOf('\t');
                var label = tab < 0 ? string.Empty : line[(tab + 1)..].Trim();
                if (label is not ("0" or "1"))
                {
                    throw new ScoringInputException($"{path}: line {i + 1}: expected 'sentence<TAB>0 or 1'.");
                }

                rows.Add((line[..tab].Trim(), label));
            }
        }

        Write(outputPath, [TextColumn, LabelColumn], rows.Select(r => new[] { r.Text, r.Label }));
        return rows.Count;
    }

    /// <summary>
    /// Olist: each review with a comment, labelled 1 for scores 4-5 and 0 for 1-2 (3 is left out as neither), joined
    /// to its order's delivery facts. Title and message are joined, since many customers write only a title.
    /// </summary>
    public static int ConvertOlist(string folder, string outputPath, bool includeUncommented = false)
    {
        var orders = ReadCsv(Path.Combine(folder, "olist_orders_dataset.csv"))
            .ToDictionary(o => o["order_id"], StringComparer.Ordinal);
        var output = new List<string[]>();
        foreach (var review in ReadCsv(Path.Combine(folder, "olist_order_reviews_dataset.csv")))
        {
            var score = int.Parse(review["review_score"], CultureInfo.InvariantCulture);
            if (score == 3)
            {
                continue;
            }

            var text = string.Join(". ", new[] { review["review_comment_title"], review["review_comment_message"] }
                .Select(t => t.Trim()).Where(t => t.Length > 0));
            if (text.Length == 0 && !includeUncommented)
            {
                continue;
            }

            var facts = orders.TryGetValue(review["order_id"], out var order) ? OlistDelivery.From(order) : OlistDelivery.Unknown;
            output.Add([text, score >= 4 ? "1" : "0", score.ToString(CultureInfo.InvariantCulture), facts.Delivered ? "1" : "0",
                facts.Late ? "1" : "0", Number(facts.DaysVersusEstimate), Number(facts.DeliveryDays)]);
        }

        Write(outputPath, [TextColumn, LabelColumn, "score", "delivered", "late", "days_vs_estimate", "delivery_days"], output);
        return output.Count;
    }

    /// <summary>CFPB: every narrative, labelled 0, since every row is a complaint.</summary>
    public static int ConvertCfpb(string inputPath, string outputPath)
    {
        var rows = ReadCsv(inputPath)
            .Select(r => r["Consumer complaint narrative"].Trim())
            .Where(t => t.Length > 0)
            .Select(t => new[] { t, "0" })
            .ToList();
        Write(outputPath, [TextColumn, LabelColumn], rows);
        return rows.Count;
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : string.Empty;

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScoringInputException($"{path}: file not found.");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.Select((h, i) => (h, v: csv.GetField(i) ?? string.Empty)).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal));
        }

        return rows;
    }

    private static void Write(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }
    }
}

/// <summary>An Olist order's delivery facts: delivered at all, late against the estimate, and by how many days.</summary>
public sealed record OlistDelivery(bool Delivered, bool Late, double? DaysVersusEstimate, double? DeliveryDays)
{
    public static OlistDelivery Unknown { get; } = new(false, false, null, null);

    public static OlistDelivery From(IReadOnlyDictionary<string, string> order)
    {
        var purchased = Date(order["order_purchase_timestamp"]);
        var delivered = Date(order["order_delivered_customer_date"]);
        var estimated = Date(order["order_estimated_delivery_date"]);
        if (delivered is null)
        {
            return Unknown;
        }

        double? versus = estimated is { } e ? (delivered.Value - e).TotalDays : null;
        double? days = purchased is { } p ? (delivered.Value - p).TotalDays : null;
        return new OlistDelivery(true, versus > 0, versus, days);
    }

    private static DateTime? Date(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
