using System.Text.RegularExpressions;
using Crm.Domain.Common;

namespace Crm.Domain.Cases;

/// <summary>
/// A tenant's case categories: lowercase slugs, so they work in URLs, filters and reports whatever the UI calls them.
/// "other" is always there, so a case never lacks a category and an old category can be retired safely.
/// </summary>
public static partial class CaseCategories
{
    public const string Other = "other";
    public const int MaxCount = 40;

    /// <summary>A category is 1-40 lower-case letters, digits or hyphens (<see cref="IsCategory"/>).</summary>
    public const int MaxLength = 40;

    public static readonly IReadOnlyList<string> Defaults =
    [
        "product-quality", "logistics-delivery", "returns-refunds", "payment", "service-attitude", "platform-fault", Other,
    ];

    public static bool IsCategory(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>The categories as stored: trimmed, de-duplicated, in the given order, "other" last if missing.</summary>
    public static (IReadOnlyList<string> Categories, IReadOnlyList<FieldProblem> Problems) Normalize(IEnumerable<string>? input)
    {
        var problems = new List<FieldProblem>();
        var result = new List<string>();
        var index = 0;
        foreach (var raw in input ?? [])
        {
            var value = raw?.Trim().ToLowerInvariant();
            if (!IsCategory(value))
            {
                problems.Add(new($"categories[{index}]", "A category is 1-40 lowercase letters, digits or '-', starting with a letter or digit."));
            }
            else if (!result.Contains(value!))
            {
                result.Add(value!);
            }

            index++;
        }

        if (!result.Contains(Other))
        {
            result.Add(Other);
        }

        if (result.Count > MaxCount)
        {
            problems.Add(new("categories", $"At most {MaxCount} categories."));
        }

        return (result, problems);
    }

    /// <summary>"logistics-delivery" as people read it: "Logistics delivery".</summary>
    public static string Label(string category) =>
        category.Length == 0 ? category : char.ToUpperInvariant(category[0]) + category[1..].Replace('-', ' ');

    // \z, not $: $ also matches before a final newline, which would let "payment\n" through.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,39}\z")]
    private static partial Regex Pattern();
}
