using System.Globalization;
using System.Text;

namespace Crm.Domain.Search;

/// <summary>
/// The grams a protected search index stores (each as a keyed hash, never in the clear) and a query looks up.
/// Han characters (Chinese names have no spaces and two to four characters): every character and every pair of
/// neighbours. Other words (Latin, digits): every prefix of two characters and more, for "as you type", and the
/// trigrams of the word with a start mark, for a misspelling. A query's grams are built by the same rule, except
/// that a query word's trigrams never take an end mark: the word typed so far may be the start of a longer one.
/// </summary>
public static class SearchGrams
{
    /// <summary>Longer prefixes add rows but no precision a person notices; a longer query word is cut to this.</summary>
    public const int MaxPrefixLength = 12;

    /// <summary>A query shorter than this (in letters, digits or Han characters) matches too much to be a search.</summary>
    public const int MinQueryLength = 2;

    /// <summary>Typed text beyond this is not a name or a subject any more.</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Query grams beyond this are dropped (the first ones kept): a search reads one index partition per gram.</summary>
    public const int MaxQueryGrams = 40;

    private const char StartMark = '^';
    private const char EndMark = '$';

    /// <summary>The grams stored for <paramref name="text"/> (a name or a subject); distinct, in a stable order.</summary>
    public static IReadOnlyList<string> ForIndex(string? text) => Build(text, forQuery: false, int.MaxValue);

    /// <summary>The grams a query looks up; empty when the query has fewer than <see cref="MinQueryLength"/> letters.</summary>
    public static IReadOnlyList<string> ForQuery(string? query) =>
        SignificantLength(query) < MinQueryLength ? [] : Build(query, forQuery: true, MaxQueryGrams);

    /// <summary>An order reference is found from this many characters on (exactly or by its start).</summary>
    public const int MinOrderPrefix = 4;

    /// <summary>
    /// The grams of an order reference: every prefix of <see cref="MinOrderPrefix"/> characters and more of its
    /// letters and digits, lower case ("SO-2026-0042" is found by "so2026", "SO 2026 00" and the whole).
    /// </summary>
    public static IReadOnlyList<string> ForOrderReference(string? orderReference)
    {
        var key = OrderKey(orderReference);
        return [.. Enumerable.Range(MinOrderPrefix, Math.Max(0, key.Length - MinOrderPrefix + 1)).Select(length => "o:" + key[..length])];
    }

    /// <summary>The one gram a query looks an order reference up by; null when it has too few letters and digits.</summary>
    public static string? OrderQuery(string? query) => OrderKey(query) is { Length: >= MinOrderPrefix } key ? "o:" + key : null;

    private static string OrderKey(string? text) => new([.. Normalize(text).Where(char.IsLetterOrDigit)]);

    /// <summary>Letters, digits and Han characters in <paramref name="text"/>: what the length rules count.</summary>
    public static int SignificantLength(string? text) => Normalize(text).Count(c => !char.IsWhiteSpace(c));

    /// <summary>
    /// The share of the query's grams the text has, 0 to 1: 1 when every gram matched (the text contains the query, or
    /// a word starts with each query word), less for a misspelling or a partial match.
    /// </summary>
    public static double Score(IReadOnlyCollection<string> queryGrams, IReadOnlyCollection<string> textGrams)
    {
        if (queryGrams.Count == 0)
        {
            return 0;
        }

        var have = textGrams as IReadOnlySet<string> ?? textGrams.ToHashSet(StringComparer.Ordinal);
        return (double)queryGrams.Count(have.Contains) / queryGrams.Count;
    }

    /// <summary>Compatibility forms folded (full-width letters and digits), lower case, accents dropped, separators to spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Han ideographs (CJK unified, extension A and compatibility): each is a word of its own for the grams.</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    private static IReadOnlyList<string> Build(string? text, bool forQuery, int max)
    {
        var grams = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string gram)
        {
            if (grams.Count < max && seen.Add(gram))
            {
                grams.Add(gram);
            }
        }

        foreach (var run in Runs(Normalize(text)))
        {
            if (run.Han)
            {
                for (var i = 0; i < run.Text.Length; i++)
                {
                    Add("h:" + run.Text[i]);
                    if (i + 1 < run.Text.Length)
                    {
                        Add("h:" + run.Text.Substring(i, 2));
                    }
                }

                continue;
            }

            var word = run.Text;
            if (forQuery)
            {
                // The query word as typed (cut to the longest prefix stored) is one gram: a word starting with it.
                if (word.Length >= 2)
                {
                    Add("p:" + word[..Math.Min(word.Length, MaxPrefixLength)]);
                }
            }
            else
            {
                for (var length = 2; length <= Math.Min(word.Length, MaxPrefixLength); length++)
                {
                    Add("p:" + word[..length]);
                }
            }

            var marked = StartMark + word + (forQuery ? "" : EndMark.ToString());
            for (var i = 0; i + 3 <= marked.Length; i++)
            {
                Add("t:" + marked.Substring(i, 3));
            }
        }

        return grams;
    }

    /// <summary>The normalised text split into words of non-Han characters and runs of Han characters.</summary>
    private static IEnumerable<(string Text, bool Han)> Runs(string normalized)
    {
        var start = -1;
        var han = false;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var c = i < normalized.Length ? normalized[i] : ' ';
            var boundary = c == ' ' || start >= 0 && IsHan(c) != han;
            if (boundary && start >= 0)
            {
                yield return (normalized[start..i], han);
                start = -1;
            }

            if (c != ' ' && start < 0)
            {
                start = i;
                han = IsHan(c);
            }
        }
    }
}
