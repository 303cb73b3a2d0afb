using Crm.Domain.Cases;
using Crm.Domain.Common;

namespace Crm.Domain.Surveys;

/// <summary>What the analyst asks for: a date range (days, inclusive, in the tenant's zone), filters, and one breakdown.</summary>
public sealed record ResultsQuery
{
    public const int MaxDays = 3 * 366;

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public SurveySource? Source { get; init; }
    public string? Category { get; init; }
    public CaseChannel? Channel { get; init; }
    public string? Agent { get; init; }
    public ResultsBreakdown By { get; init; } = ResultsBreakdown.None;

    public IReadOnlyList<FieldProblem> Validate()
    {
        var problems = new List<FieldProblem>();
        if (From is { } from && To is { } to && to < from)
        {
            problems.Add(new("to", "On or after 'from'."));
        }

        if (Source is { } source && !Enum.IsDefined(source))
        {
            problems.Add(new("source", "Transactional, Campaign or Platform."));
        }

        if (Channel is { } channel && !Enum.IsDefined(channel))
        {
            problems.Add(new("channel", "Web, Phone, Chat, Email or App."));
        }

        if (!Enum.IsDefined(By))
        {
            problems.Add(new("by", "None, Day, Week, Month, Source, Category, Channel or Agent."));
        }

        return problems;
    }

    public bool Matches(ResultKey key) =>
        (From is null || key.Day >= From) && (To is null || key.Day <= To) &&
        (Source is null || key.Source == Source) && (Category is null || key.Category == Category) &&
        (Channel is null || key.Channel == Channel) && (Agent is null || key.Agent == Agent);
}

/// <summary>How results are grouped: over time (trends) or by a fact of the response. Sent: never renumber.</summary>
public enum ResultsBreakdown
{
    None = 0,
    Day = 1,
    Week = 2,
    Month = 3,
    Source = 4,
    Category = 5,
    Channel = 6,
    Agent = 7,
}
