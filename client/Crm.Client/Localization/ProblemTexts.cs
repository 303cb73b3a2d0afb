using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Domain.Cases;
using Microsoft.Extensions.Localization;

namespace Crm.Client.Localization;

/// <summary>
/// Translates the messages rules and grains give in English (field errors, 404 and 409 details, problem titles) into the
/// request's language, in one place for the API and the pages. ASP.NET Core's convention: the English text is the key
/// (<c>Resources/Localization/ProblemTexts*.resx</c>); a key with <c>{0}</c> is a template whose values are taken from
/// the message ("At most {0} characters."). A message with no key stays English, which the page tests flag.
/// </summary>
public sealed partial class ProblemTexts(IStringLocalizer<ProblemTexts> text, Labels labels)
{
    private readonly Lazy<IReadOnlyList<(Regex Pattern, string Key)>> templates = new(() => Templates(text));

    public string Translate(string? english)
    {
        if (string.IsNullOrEmpty(english))
        {
            return english ?? "";
        }

        var exact = text[english];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }

        foreach (var (pattern, key) in templates.Value)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object)Value(g.Value)).ToArray();
                return text[key, values].Value;
            }
        }

        return english;
    }

    /// <summary>Translates in <paramref name="culture"/> rather than the current one (the exception handler runs outside request localization).</summary>
    public string Translate(string? english, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return Translate(english);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    // A status named inside a message ("The case is Resolved; ...") reads as its label, and a known word
    // ("first response") as its translation; anything else (a subject, an id) stays as written.
    private string Value(string value)
    {
        if (Enum.TryParse<CaseStatus>(value, out var status) && Enum.IsDefined(status) && !char.IsDigit(value[0]))
        {
            return labels.Of(status);
        }

        var word = text[value];
        return word.ResourceNotFound ? value : word.Value;
    }

    private static IReadOnlyList<(Regex, string)> Templates(IStringLocalizer localizer)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return
            [
                .. localizer.GetAllStrings(includeParentCultures: false)
                    .Where(s => s.Name.Contains("{0}", StringComparison.Ordinal))
                    .Select(s => (new Regex("^" + Placeholder().Replace(Regex.Escape(s.Name), "(.+?)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant), s.Name)),
            ];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex(@"\\\{\d+}")]
    private static partial Regex Placeholder();
}
