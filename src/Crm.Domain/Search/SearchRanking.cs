using System.Globalization;

namespace Crm.Domain.Search;

/// <summary>
/// Orders a search's candidates: by the share of the query's grams each matched, best first, then by id so that
/// pages are stable; a candidate below <see cref="MinScore"/> is no hit. Pages are offsets into that order.
/// </summary>
public static class SearchRanking
{
    /// <summary>Half the query's grams: a name with one character or letter wrong still passes, an unrelated one does not.</summary>
    public const double MinScore = 0.5;

    /// <summary>The most hits a search ranks; beyond this the query is too broad to page through.</summary>
    public const int MaxRanked = 1000;

    /// <summary>
    /// Each candidate's share of the query's grams, from the ids the index read per gram. A gram whose read stopped at
    /// <paramref name="maxPerGram"/> (a surname thousands share) says nothing about the ids it did not return, so it
    /// counts against only the ids it returned: "王伟" still finds every 王伟 through the rare pair "王伟".
    /// </summary>
    public static IEnumerable<(string Id, double Score)> Candidates(IReadOnlyList<IReadOnlyCollection<string>> idsPerGram, int maxPerGram)
    {
        var matched = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in idsPerGram.SelectMany(ids => ids.Distinct(StringComparer.Ordinal)))
        {
            matched[id] = matched.GetValueOrDefault(id) + 1;
        }

        var truncated = idsPerGram.Where(ids => ids.Count >= maxPerGram).Select(ids => ids.ToHashSet(StringComparer.Ordinal)).ToList();
        foreach (var (id, count) in matched)
        {
            var unknown = truncated.Count(ids => !ids.Contains(id));
            yield return (id, (double)count / (idsPerGram.Count - unknown));
        }
    }

    /// <summary>Candidates (id, share of the query's grams matched) that pass, in hit order.</summary>
    public static IReadOnlyList<(string Id, double Score)> Rank(IEnumerable<(string Id, double Score)> candidates) =>
        [.. candidates
            .Where(c => c.Score >= MinScore)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(MaxRanked)];

    /// <summary>A 0-100 figure for the page (rounded down, so only a full match shows 100).</summary>
    public static int Percent(double score) => (int)Math.Floor(Math.Clamp(score, 0, 1) * 100);

    /// <summary>The offset a continuation token names; false for a token this search did not issue.</summary>
    public static bool TryStart(string? token, out int offset)
    {
        offset = 0;
        if (token is null)
        {
            return true;
        }

        return token.Length is > 0 and <= 4 && token.All(char.IsAsciiDigit) &&
               int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset > 0 && offset < MaxRanked;
    }

    /// <summary>The token of the page after the one that ends at <paramref name="end"/>, or null when none is left.</summary>
    public static string? Next(int end, int total) => end < total ? end.ToString(CultureInfo.InvariantCulture) : null;
}
