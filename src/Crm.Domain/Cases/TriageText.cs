using System.Text.RegularExpressions;

namespace Crm.Domain.Cases;

/// <summary>
/// The text of a re-triage event ("severity Normal → Major; category billing → returns."), written and read in one
/// place: reports replay a case's history and read the dimensions back from it. It names no person, so erasure
/// keeps it.
/// </summary>
public static partial class TriageText
{
    public static string Describe(CaseSeverity fromSeverity, CaseSeverity toSeverity, string fromCategory, string toCategory)
    {
        var changes = new List<string>();
        if (toSeverity != fromSeverity)
        {
            changes.Add($"severity {fromSeverity} → {toSeverity}");
        }

        if (toCategory != fromCategory)
        {
            changes.Add($"category {fromCategory} → {toCategory}");
        }

        return string.Join("; ", changes) + ".";
    }

    /// <summary>The changes a re-triage text records; nulls for what it did not change or cannot be read.</summary>
    public static TriageChange Read(string? text)
    {
        if (text is null)
        {
            return new(null, null, null, null);
        }

        var severity = SeverityPattern().Match(text);
        var category = CategoryPattern().Match(text);
        CaseSeverity from = default, to = default;
        var severityRead = severity.Success &&
            Enum.TryParse<CaseSeverity>(severity.Groups["from"].Value, out from) && Enum.IsDefined(from) &&
            Enum.TryParse<CaseSeverity>(severity.Groups["to"].Value, out to) && Enum.IsDefined(to);
        return new(
            severityRead ? from : null,
            severityRead ? to : null,
            category.Success ? category.Groups["from"].Value : null,
            category.Success ? category.Groups["to"].Value : null);
    }

    [GeneratedRegex(@"severity (?<from>[A-Z][a-z]+) → (?<to>[A-Z][a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SeverityPattern();

    [GeneratedRegex(@"category (?<from>[a-z0-9][a-z0-9-]*) → (?<to>[a-z0-9][a-z0-9-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();
}

/// <summary>What one re-triage changed, read back from its text.</summary>
public sealed record TriageChange(CaseSeverity? FromSeverity, CaseSeverity? ToSeverity, string? FromCategory, string? ToCategory);
