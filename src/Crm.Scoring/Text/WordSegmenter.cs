using System.Text.RegularExpressions;
using JiebaNet.Segmenter;

namespace Crm.Scoring;

/// <summary>
/// Word segmentation for the word-n-gram features: jieba.NET for Chinese (which also splits Latin words and numbers),
/// tokens joined by spaces so ML.NET's whitespace tokenizer sees words. Punctuation and blanks are dropped; the
/// character n-grams keep them.
/// </summary>
public static partial class WordSegmenter
{
    /// <summary>Where the build copies jieba.NET's dictionaries (see Crm.Scoring.csproj).</summary>
    public const string DictionaryFolder = "Resources/jieba";

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        // jieba.NET reads its dictionaries from a folder it is told once, process-wide; the dictionary loads on first use.
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, DictionaryFolder);
        return new JiebaSegmenter();
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <param name="hmm">jieba's HMM pass, which joins characters its dictionary does not know into new words.</param>
    public static string Segment(string normalizedText, bool hmm = true)
    {
        // Only runs holding Chinese go to jieba: it splits Latin words on anything outside [a-z0-9], so "não" became "n ã o".
        var words = new List<string>();
        foreach (var run in Words().EnumerateMatches(normalizedText))
        {
            var word = normalizedText.Substring(run.Index, run.Length);
            if (word.Any(IsCjk))
            {
                words.AddRange(Segmenter.Value.Cut(word, cutAll: false, hmm: hmm).Where(w => w.Any(char.IsLetterOrDigit)));
            }
            else
            {
                words.Add(word);
            }
        }

        return string.Join(' ', words);
    }

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}']+")]
    private static partial Regex Words();
}
