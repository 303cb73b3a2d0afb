using Crm.Domain.Cases;
using Crm.Domain.Common;

namespace Crm.Domain.Surveys;

/// <summary>
/// A tenant's rule for offering a survey when a case is resolved: which case kinds, after what delay, and at most one
/// invitation per customer per <see cref="CooldownDays"/> so customers are not pestered.
/// </summary>
public sealed record TransactionalRule
{
    public const int MaxCooldownDays = 365;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public static TransactionalRule Off { get; } = new();

    public bool Enabled { get; init; }

    /// <summary>The survey offered; required when enabled.</summary>
    public string? SurveyId { get; init; }

    public IReadOnlyList<CaseKind> Kinds { get; init; } = [CaseKind.Inquiry, CaseKind.Complaint, CaseKind.AfterSales];

    /// <summary>How long after resolution the invitation goes out (the customer has seen the fix work).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromHours(1);

    public int CooldownDays { get; init; } = 30;

    public int ValidityDays { get; init; } = InvitationRules.DefaultValidityDays;

    public IReadOnlyList<FieldProblem> Validate(Func<string, bool> isSurveyId)
    {
        var problems = new List<FieldProblem>();
        if (Enabled && (SurveyId is null || !isSurveyId(SurveyId)))
        {
            problems.Add(new("surveyId", "An enabled rule names one of the tenant's surveys."));
        }

        if (Enabled && Kinds.Count == 0)
        {
            problems.Add(new("kinds", "At least one case kind, or disable the rule."));
        }

        if (Kinds.Any(k => !Enum.IsDefined(k)))
        {
            problems.Add(new("kinds", "Inquiry, Complaint or AfterSales."));
        }

        if (Delay < TimeSpan.Zero || Delay > MaxDelay)
        {
            problems.Add(new("delay", "Between 0 and 7 days."));
        }

        if (CooldownDays is < 0 or > MaxCooldownDays)
        {
            problems.Add(new("cooldownDays", $"Between 0 and {MaxCooldownDays}."));
        }

        if (!InvitationRules.IsValidityDays(ValidityDays))
        {
            problems.Add(new("validityDays", $"Between 1 and {InvitationRules.MaxValidityDays}."));
        }

        return problems;
    }

    /// <summary>
    /// Whether a case of <paramref name="kind"/> resolved at <paramref name="resolvedAt"/> gets an invitation, and
    /// when it goes out. <paramref name="lastInvitedAt"/> is the customer's latest invitation by this rule, if any.
    /// </summary>
    public TransactionalDecision Decide(CaseKind kind, DateTimeOffset resolvedAt, DateTimeOffset? lastInvitedAt)
    {
        if (!Enabled || SurveyId is null)
        {
            return TransactionalDecision.Skip(TransactionalSkip.RuleOff);
        }

        if (!Kinds.Contains(kind))
        {
            return TransactionalDecision.Skip(TransactionalSkip.KindNotSurveyed);
        }

        var sendAt = resolvedAt + Delay;
        if (lastInvitedAt is { } last && sendAt < last.AddDays(CooldownDays))
        {
            return TransactionalDecision.Skip(TransactionalSkip.InvitedRecently);
        }

        return new(sendAt, null);
    }
}

/// <summary>When to send, or why not.</summary>
public sealed record TransactionalDecision(DateTimeOffset? SendAt, TransactionalSkip? SkippedBecause)
{
    public bool Offers => SendAt is not null;

    public static TransactionalDecision Skip(TransactionalSkip why) => new(null, why);
}

public enum TransactionalSkip
{
    RuleOff = 0,
    KindNotSurveyed = 1,
    InvitedRecently = 2,
}
