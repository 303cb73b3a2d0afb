namespace Crm.Domain.Cases;

/// <summary>
/// Which action moves a case from which status to which. The whole table is <see cref="Rules"/>; everything else
/// derives from it, so a rule change is a one-line change here (and in the test table that spells it out).
/// </summary>
/// <remarks>
/// Decisions:
/// - A New or Acknowledged case may be resolved at once: an agent can answer and resolve in one go (the SLA
///   timeline then records the first response at the resolution instant).
/// - A New case may go straight to WaitingOnCustomer: asking the customer a question is the first response.
/// - Reopened behaves like InProgress for every further action; it stays Reopened so reports can count reopens.
/// - Resolved and Closed can be reopened; whether the reopen window still runs is a separate check
///   (<see cref="IsWithinReopenWindow"/>) because it needs the clock, and this table must not.
/// - Only a Resolved case can be closed: a case is never closed without an answer.
/// </remarks>
public static class CaseLifecycle
{
    private static readonly IReadOnlyDictionary<CaseStatus, IReadOnlyList<(CaseAction Action, CaseStatus To)>> Rules =
        new Dictionary<CaseStatus, IReadOnlyList<(CaseAction, CaseStatus)>>
        {
            [CaseStatus.New] =
            [
                (CaseAction.Acknowledge, CaseStatus.Acknowledged),
                (CaseAction.StartWork, CaseStatus.InProgress),
                (CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer),
                (CaseAction.Resolve, CaseStatus.Resolved),
            ],
            [CaseStatus.Acknowledged] =
            [
                (CaseAction.StartWork, CaseStatus.InProgress),
                (CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer),
                (CaseAction.Resolve, CaseStatus.Resolved),
            ],
            [CaseStatus.InProgress] =
            [
                (CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer),
                (CaseAction.Resolve, CaseStatus.Resolved),
            ],
            [CaseStatus.WaitingOnCustomer] =
            [
                (CaseAction.CustomerReplied, CaseStatus.InProgress),
                (CaseAction.Resolve, CaseStatus.Resolved),
            ],
            [CaseStatus.Resolved] =
            [
                (CaseAction.Close, CaseStatus.Closed),
                (CaseAction.Reopen, CaseStatus.Reopened),
            ],
            [CaseStatus.Closed] =
            [
                (CaseAction.Reopen, CaseStatus.Reopened),
            ],
            [CaseStatus.Reopened] =
            [
                (CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer),
                (CaseAction.Resolve, CaseStatus.Resolved),
            ],
        };

    public static TransitionResult Transition(CaseStatus from, CaseAction action)
    {
        if (!Rules.TryGetValue(from, out var rules))
        {
            return TransitionResult.Refused($"Unknown case status {(int)from}.");
        }

        foreach (var (allowed, to) in rules)
        {
            if (allowed == action)
            {
                return TransitionResult.Allowed(to);
            }
        }

        return TransitionResult.Refused(
            $"A case that is {from} cannot be {Describe(action)}. A case that is {from} can be: " +
            $"{string.Join(", ", rules.Select(r => Describe(r.Action)))}.");
    }

    public static IReadOnlyList<CaseAction> AllowedActions(CaseStatus status) =>
        Rules.TryGetValue(status, out var rules) ? rules.Select(r => r.Action).ToList() : [];

    /// <summary>
    /// True while a customer's new message may reopen a resolved case: strictly less than <paramref name="window"/>
    /// after <paramref name="resolvedAt"/>. After that a new message should open a new case.
    /// </summary>
    /// <summary>
    /// What a plain reply (one that names no next step) does to the status: on a new case it is the acknowledgement,
    /// as the first answer is in the service desks agents know, unless the tenant turned that off
    /// (<paramref name="acknowledge"/>); on any other status it changes nothing.
    /// </summary>
    public static CaseAction? AfterPlainReply(CaseStatus status, bool acknowledge = true) =>
        acknowledge && status == CaseStatus.New ? CaseAction.Acknowledge : null;

    public static bool IsWithinReopenWindow(DateTimeOffset resolvedAt, DateTimeOffset now, TimeSpan window) =>
        now >= resolvedAt && now - resolvedAt < window;

    /// <summary>The action as the end of "a case can be ...", for messages people read.</summary>
    public static string Describe(CaseAction action) => action switch
    {
        CaseAction.Acknowledge => "acknowledged",
        CaseAction.StartWork => "started",
        CaseAction.WaitOnCustomer => "set waiting on the customer",
        CaseAction.CustomerReplied => "resumed by a customer reply",
        CaseAction.Resolve => "resolved",
        CaseAction.Close => "closed",
        CaseAction.Reopen => "reopened",
        _ => $"acted on with unknown action {(int)action}",
    };
}
