using Crm.Domain.Common;
using Crm.Domain.Reports;

namespace Crm.Domain.Surveys;

/// <summary>
/// Who a campaign reaches: customers of a segment, a tier and/or carrying a tag (all that are given must match),
/// invited when the campaign starts, their links open until it ends.
/// </summary>
public sealed record CampaignAudience(string? Segment = null, string? Tier = null, string? Tag = null)
{
    public bool IsEmpty => Segment is null && Tier is null && Tag is null;

    public bool Matches(string? segment, string tier, IEnumerable<string> tags) =>
        (Segment is null || string.Equals(Segment, segment, StringComparison.OrdinalIgnoreCase)) &&
        (Tier is null || string.Equals(Tier, tier, StringComparison.OrdinalIgnoreCase)) &&
        (Tag is null || tags.Contains(Tag, StringComparer.OrdinalIgnoreCase));
}

public static class CampaignRules
{
    public const int MaxNameLength = 120;
    public const int MaxDays = InvitationRules.MaxValidityDays;

    public static IReadOnlyList<FieldProblem> Validate(string? name, DateOnly from, DateOnly to, CampaignAudience audience, IReadOnlyCollection<string> tiers)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new("name", "Required."));
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            problems.Add(new("name", $"At most {MaxNameLength} characters."));
        }

        if (to < from)
        {
            problems.Add(new("to", "On or after 'from'."));
        }
        else if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            problems.Add(new("to", $"A campaign runs at most {MaxDays} days."));
        }

        if (audience.IsEmpty)
        {
            problems.Add(new("audience", "Name a segment, tier or tag: a campaign never goes to every customer by accident."));
        }

        if (audience.Tier is { } tier && !tiers.Contains(tier, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new("audience.tier", $"One of {string.Join(", ", tiers)}."));
        }

        return problems;
    }

    /// <summary>
    /// A campaign's links stay open to the end of its last day (in the tenant's zone): the start of the next day as
    /// reports count days, so a midnight that a fall-back repeats closes at its first occurrence, not an hour later.
    /// </summary>
    public static DateTimeOffset ClosesAt(DateOnly to, TimeZoneInfo zone) => ReportClock.StartOfDay(to.AddDays(1), zone);
}
