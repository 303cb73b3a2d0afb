using System.Collections.Frozen;

namespace Crm.Scoring;

/// <summary>
/// Terms for theme contrast: jieba.NET words of the normalized comment, without jieba's stop-word list (的, 了, the,
/// and ...), a few Portuguese function words (for the Olist evaluation) and numbers. Single Chinese characters stay: 慢, 凉 and 贵 are themes.
/// </summary>
public static class ThemeTokenizer
{
    private static readonly Lazy<FrozenSet<string>> StopWords = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, WordSegmenter.DictionaryFolder, "stopwords.txt");
        var words = File.Exists(path) ? File.ReadAllLines(path).Select(l => TextNormalizer.StripInvisible(l).Trim()).Where(l => l.Length > 0) : [];
        return words.Concat(["i", "it", "was", "is", "a", "an", "to", "and", "of", "my", "the", "this", "that", "for", "in", "on", "you", "we", "they",
            "de", "o", "a", "e", "que", "do", "da", "em", "um", "uma", "com", "para", "os", "as", "no", "na", "se", "me", "foi", "por"])
            .ToFrozenSet(StringComparer.Ordinal);
    });

    public static IEnumerable<string> Terms(string comment) =>
        WordSegmenter.Segment(TextNormalizer.Normalize(comment))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !StopWords.Value.Contains(t) && !t.All(char.IsDigit));
}
