using System.Text.RegularExpressions;
using Crm.Domain.Common;

namespace Crm.Domain.Surveys;

/// <summary>What a survey definition must be: every text in both languages, bounded lists of unique slug keys.</summary>
public static partial class SurveyRules
{
    public const int MaxTitleLength = 120;
    public const int MaxIntroLength = 500;
    public const int MaxLabelLength = 80;
    public const int MaxDimensions = 12;
    public const int MaxReasons = 12;

    /// <summary>A dimension or reason key: 1-40 lower-case letters, digits or '-' (<see cref="IsKey"/>).</summary>
    public const int MaxKeyLength = 40;

    /// <summary>A survey's name, as analysts see it in lists.</summary>
    public const int MaxNameLength = 120;

    public static bool IsKey(string? value) => value is not null && KeyPattern().IsMatch(value);

    /// <summary>The definition as stored: texts trimmed, keys lowercased; and what is wrong with it, if anything.</summary>
    public static (SurveyDefinition Definition, IReadOnlyList<FieldProblem> Problems) Normalize(SurveyDefinition input)
    {
        var problems = new List<FieldProblem>();
        var title = Text(input.Title, "title", MaxTitleLength, required: true, problems)!;
        var intro = Text(input.Intro, "intro", MaxIntroLength, required: false, problems);
        if (!Enum.IsDefined(input.Language))
        {
            problems.Add(new("language", "en or zh-CN."));
        }

        var dimensions = Choices(input.Dimensions, "dimensions", MaxDimensions, problems);
        var reasons = Choices(input.Reasons, "reasons", MaxReasons, problems);
        if (input.ReasonThreshold is < SurveyScales.RatingMin or >= SurveyScales.RatingMax)
        {
            problems.Add(new("reasonThreshold", $"Between {SurveyScales.RatingMin} and {SurveyScales.RatingMax - 1}: the highest CSAT answer that counts as low."));
        }

        var normalized = input with { Title = title, Intro = intro, Dimensions = dimensions, Reasons = reasons };
        return (normalized, problems);
    }

    private static LocalizedText? Text(LocalizedText? text, string field, int max, bool required, List<FieldProblem> problems)
    {
        if (text is null)
        {
            if (required)
            {
                problems.Add(new(field, "Required, in English and Chinese."));
                return new("", "");
            }

            return null;
        }

        var trimmed = text.Trimmed();
        if (!required && trimmed.En.Length == 0 && trimmed.ZhCn.Length == 0)
        {
            return null;
        }

        Check(trimmed.En, $"{field}.en", max, problems);
        Check(trimmed.ZhCn, $"{field}.zhCn", max, problems);
        return trimmed;
    }

    private static void Check(string value, string field, int max, List<FieldProblem> problems)
    {
        if (value.Length == 0)
        {
            problems.Add(new(field, "Required: every text a customer reads is given in English and Chinese."));
        }
        else if (value.Length > max)
        {
            problems.Add(new(field, $"At most {max} characters."));
        }
    }

    private static IReadOnlyList<SurveyChoice> Choices(IReadOnlyList<SurveyChoice>? input, string field, int max, List<FieldProblem> problems)
    {
        var result = new List<SurveyChoice>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var items = input ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var key = item?.Key?.Trim().ToLowerInvariant();
            if (!IsKey(key))
            {
                problems.Add(new($"{field}[{i}].key", "1-40 lowercase letters, digits or '-', starting with a letter or digit."));
                continue;
            }

            if (!keys.Add(key!))
            {
                problems.Add(new($"{field}[{i}].key", $"'{key}' appears twice."));
                continue;
            }

            var label = Text(item!.Label, $"{field}[{i}].label", MaxLabelLength, required: true, problems)!;
            result.Add(new(key!, label));
        }

        if (items.Count > max)
        {
            problems.Add(new(field, $"At most {max}."));
        }

        return result;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,39}\z")]
    private static partial Regex KeyPattern();
}
