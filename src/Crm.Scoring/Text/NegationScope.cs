using System.Text.RegularExpressions;

namespace Crm.Scoring;

/// <summary>
/// English negation scope for the word features: after a negator ("not", "never", "don't", ...) every word up to the
/// next clause punctuation is marked <c>not_word</c>, so "not good" stops counting as "good" (Das and Chen 2001; Pang,
/// Lee and Vaithyanathan 2002). Segmentation is <see cref="WordSegmenter"/>'s, clause by clause; a text with no
/// negator segments exactly as it does there. Chinese negation mostly sits inside jieba's words (不好, 没有), so it is left alone.
/// </summary>
public static partial class NegationScope
{
    public const string Prefix = "not_";

    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere", "cannot", "without", "hardly",
    };

    public static string Segment(string normalizedText, bool hmm = true)
    {
        var words = new List<string>();
        // A typographic apostrophe would split "don’t" into "don" and "t" and hide the negator.
        foreach (var clause in ClauseEnd().Split(normalizedText.Replace('\u2019', '\'')))
        {
            var inScope = false;
            foreach (var word in WordSegmenter.Segment(clause, hmm).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(inScope ? Prefix + word : word);
                inScope |= IsNegator(word);
            }
        }

        return string.Join(' ', words);
    }

    public static bool IsNegator(string word) => Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);

    [GeneratedRegex(@"[.,;:!?()\[\]""…，。；：！？、（）]+")]
    private static partial Regex ClauseEnd();
}
