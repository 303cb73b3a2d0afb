using System.Text;
using System.Text.RegularExpressions;

namespace Crm.Domain.Privacy;

/// <summary>
/// How personal data looks in logs, traces and reports for a reader whose role does not need it in clear.
/// Every rule is total (never throws, null gives ""), and masking a masked value changes nothing, so a value
/// can be masked at several layers without losing what the first pass kept.
/// </summary>
public static partial class PersonalDataMask
{
    public const char Mask = '*';

    /// <summary>What a value shows when nothing of it can be kept.</summary>
    public const string Hidden = "***";

    // A fixed number of stars, so the masked address does not tell the length of the local part.
    private const string MaskedLocalPart = "*****";

    /// <summary>"li.wei@example.com" → "l*****@example.com": the local part's first character and the domain.</summary>
    public static string Email(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return Hidden;
        }

        return FirstRune(value) + MaskedLocalPart + value[at..];
    }

    /// <summary>
    /// "+8613800138000" → "+86*******8000": with a leading '+', the country code (1-3 digits, from the ITU
    /// numbering plan); always the last 4 digits; with fewer than 7 digits, only the last 2. Separators stay
    /// where they were; characters that belong in no phone number are dropped.
    /// </summary>
    public static string Phone(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // '*' counts as a digit position so that masking a masked number keeps the same positions.
        var slots = 0;
        foreach (var c in value)
        {
            if (IsPhoneSlot(c))
            {
                slots++;
            }
        }

        int keepStart, keepEnd;
        if (slots >= 7)
        {
            keepEnd = 4;
            // Keep at least 3 digits masked, even when that means hiding part of a long country code.
            keepStart = value.TrimStart().StartsWith('+') ? Math.Min(CountryCodeLength(value), slots - 7) : 0;
        }
        else
        {
            keepStart = 0;
            keepEnd = slots > 2 ? 2 : 0;
        }

        var builder = new StringBuilder(value.Length);
        var slot = 0;
        foreach (var c in value)
        {
            if (IsPhoneSlot(c))
            {
                builder.Append(slot < keepStart || slot >= slots - keepEnd ? c : Mask);
                slot++;
            }
            else if (c is '+' or ' ' or '-' or '(' or ')' or '.')
            {
                builder.Append(c);
            }
        }

        // Dropped words leave their spaces behind at the ends.
        return builder.ToString().Trim();
    }

    /// <summary>"Li Wei" → "L* W**", "张伟" → "张*": the first character of each word (a CJK name is one word).</summary>
    public static string Name(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value.Length);
        var atWordStart = true;
        foreach (var rune in Runes(value))
        {
            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(rune.ToString());
                atWordStart = true;
            }
            else if (atWordStart)
            {
                builder.Append(rune.ToString());
                atWordStart = false;
            }
            else
            {
                builder.Append(Mask);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// "Shanghai Pudong Century Ave 100" → "Shanghai ***"; otherwise "***". The first word is kept only when it
    /// has no digits (a house number) and no CJK characters (CJK addresses run from province to door without
    /// spaces, so their first "word" is most of the address).
    /// </summary>
    public static string Address(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var words = value.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && words[0] != Hidden && !words[0].Any(char.IsDigit) && !CjkPattern().IsMatch(words[0]))
        {
            return words[0] + " " + Hidden;
        }

        return Hidden;
    }

    /// <summary>
    /// Masks, inside free text, every e-mail address (<see cref="Email"/>) and every run of 7 or more digits,
    /// which may be split by single spaces or hyphens (<see cref="Phone"/>). That also masks order numbers and
    /// the like: in text for readers who may not see contacts, over-masking is the safe error. ISO dates
    /// (2026-11-24) are left alone.
    /// </summary>
    public static string FreeText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return PersonalDataPattern().Replace(value, match => match.Groups["email"].Success ? Email(match.Value) : Phone(match.Value));
    }

    private static bool IsPhoneSlot(char c) => char.IsAsciiDigit(c) || c == Mask;

    /// <summary>Country calling codes: 1 and 7 have one digit, the listed ones two, all others three (ITU-T E.164).</summary>
    private static int CountryCodeLength(string value)
    {
        var digits = new StringBuilder(2);
        foreach (var c in value)
        {
            if (IsPhoneSlot(c))
            {
                digits.Append(c);
                if (digits.Length == 2)
                {
                    break;
                }
            }
        }

        var code = digits.ToString();
        if (code.StartsWith('1') || code.StartsWith('7'))
        {
            return 1;
        }

        return TwoDigitCountryCodes.Contains(code) ? 2 : 3;
    }

    private static readonly HashSet<string> TwoDigitCountryCodes =
    [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];

    /// <summary>The first code point (a lone surrogate counts as one), so that no surrogate pair is cut in half.</summary>
    private static string FirstRune(string value) =>
        Rune.DecodeFromUtf16(value, out _, out var length) == System.Buffers.OperationStatus.Done ? value[..length] : value[..1];

    /// <summary>Code points of <paramref name="value"/>; a lone surrogate comes out as U+FFFD, never as an exception.</summary>
    private static IEnumerable<Rune> Runes(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var length);
            yield return rune;
            i += Math.Max(length, 1);
        }
    }

    // The look-behinds start a match only where a word or digit run starts: linear time on long tokens without '@'.
    [GeneratedRegex(@"(?<email>(?<![^\s@<>()\[\],;:""'])[^\s@<>()\[\],;:""']+@[^\s@<>()\[\],;:""']+\.[^\s@<>()\[\],;:""']+)|(?<phone>(?<![0-9])(?![0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9]))\+?[0-9](?:[ -]?[0-9]){6,})")]
    private static partial Regex PersonalDataPattern();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsHangulSyllables}]")]
    private static partial Regex CjkPattern();
}
