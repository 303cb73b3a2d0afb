namespace Crm.Domain.Search;

/// <summary>
/// How many single-character edits (insert, delete, substitute, or swap two neighbours) turn a query into a text, both
/// normalized as the index normalizes them. Gram shares tie often on short names ("Zhnag Wei" shares as many grams with
/// "Zhao Wei" as with "Zhang Wei"); the fewer edits, the likelier the name the searcher meant.
/// </summary>
public static class TypoDistance
{
    public static int Between(string? query, string? text)
    {
        var a = Collapse(query);
        var b = Collapse(text);

        // Optimal string alignment: Levenshtein plus adjacent transpositions, the commonest typing slip.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }

    // Spacing is no typo: words are compared with one space between them.
    private static string Collapse(string? text) =>
        string.Join(' ', SearchGrams.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
