using JiebaNet.Segmenter;

namespace Crm.Scoring;

/// <summary>
/// Word segmentation for the word-n-gram features: jieba.NET for Chinese (which also splits Latin words and numbers),
/// tokens joined by spaces so ML.NET's whitespace tokenizer sees words. Punctuation and blanks are dropped; the
/// character n-grams keep them.
/// </summary>
public static class WordSegmenter
{
    /// <summary>Where the build copies jieba.NET's dictionaries (see Crm.Scoring.csproj).</summary>
    public const string DictionaryFolder = "Resources/jieba";

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        // jieba.NET reads its dictionaries from a folder it is told once, process-wide; the dictionary loads on first use.
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, DictionaryFolder);
        return new JiebaSegmenter();
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Segment(string normalizedText)
    {
        var words = Segmenter.Value.Cut(normalizedText, cutAll: false, hmm: true)
            .Where(w => w.Any(char.IsLetterOrDigit));
        return string.Join(' ', words);
    }
}
