using System.Collections.Frozen;

namespace Crm.Scoring.Sentiment;

/// <summary>
/// The rule that scores text until a tenant has enough labelled responses to train a model: counts positive and
/// negative cue words (zh by longest match, en by word), flips a cue that follows a negator within the same clause,
/// and turns the counts into a smoothed probability of dissatisfaction. Text with no cue scores 0.5 (neutral).
/// </summary>
public static class SentimentLexicon
{
    /// <summary>How far back (in words, or Chinese characters) a negator reaches.</summary>
    private const int NegationReach = 3;

    private static readonly FrozenDictionary<string, int> Chinese = Build(
        (LexiconEntries.ChinesePositive, 1), (LexiconEntries.ChineseNegative, -1), (LexiconEntries.ChineseNeutral, 0), (LexiconEntries.ChineseNegators, Negator));

    private static readonly FrozenDictionary<string, int> English = Build(
        (LexiconEntries.EnglishPositive, 1), (LexiconEntries.EnglishNegative, -1), (LexiconEntries.EnglishNegators, Negator));

    private static readonly int LongestChinese = Chinese.Keys.Max(k => k.Length);

    private const int Negator = 2;

    /// <summary>Far enough before any position that no cue is in a negator's reach (and no subtraction overflows).</summary>
    private const int NoNegator = -1000;

    public static LexiconResult Score(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        int positive = 0, negative = 0, position = 0, lastNegator = NoNegator;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (IsClauseEnd(c))
            {
                lastNegator = NoNegator;
                i++;
                continue;
            }

            int polarity;
            if (char.IsAsciiLetterLower(c) || c == '\'')
            {
                var start = i;
                while (i < normalized.Length && (char.IsAsciiLetterLower(normalized[i]) || normalized[i] == '\''))
                {
                    i++;
                }

                polarity = English.GetValueOrDefault(normalized[start..i].Trim('\''));
            }
            else if (IsCjk(c))
            {
                (polarity, var length) = LongestChineseMatch(normalized, i);
                i += length;
            }
            else
            {
                i++;
                continue;
            }

            position++;
            if (polarity == Negator)
            {
                lastNegator = position;
                continue;
            }

            if (polarity != 0 && position - lastNegator <= NegationReach)
            {
                polarity = -polarity;
            }

            if (polarity > 0) positive++;
            else if (polarity < 0) negative++;
        }

        return new LexiconResult(positive, negative);
    }

    private static (int Polarity, int Length) LongestChineseMatch(string text, int start)
    {
        for (var length = Math.Min(LongestChinese, text.Length - start); length >= 1; length--)
        {
            if (Chinese.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text.AsSpan(start, length), out var polarity))
            {
                return (polarity, length);
            }
        }

        return (0, 1);
    }

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsClauseEnd(char c) => c is '.' or ',' or '!' or '?' or ';' or ':' or '。' or '、' or '\n' or '~' or '…';

    private static FrozenDictionary<string, int> Build(params (string[] Words, int Polarity)[] lists)
    {
        var entries = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (words, polarity) in lists)
        {
            foreach (var word in words)
            {
                entries[word] = polarity;
            }
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Cue counts after negation; the probability is the Laplace-smoothed share of negative cues.</summary>
public sealed record LexiconResult(int PositiveCues, int NegativeCues)
{
    public double DissatisfactionProbability => (NegativeCues + 0.5) / (PositiveCues + NegativeCues + 1.0);

    /// <summary>False when no cue matched: the 0.5 is then a shrug, not a judgement.</summary>
    public bool HasEvidence => PositiveCues + NegativeCues > 0;
}
