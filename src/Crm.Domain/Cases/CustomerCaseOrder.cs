namespace Crm.Domain.Cases;

/// <summary>
/// How a customer's page lists their cases: the open ones first, the nearest deadline first (those without one after,
/// newest first), then the finished ones (resolved, closed, merged), the most recently changed first.
/// </summary>
public static class CustomerCaseOrder
{
    /// <summary>The most cases a customer's page shows; a customer with more is an outlier the search finds.</summary>
    public const int MaxShown = 200;

    public static bool IsOpen(CaseStatus status, bool merged) => !merged && status is not (CaseStatus.Resolved or CaseStatus.Closed);

    public static IEnumerable<T> Order<T>(
        IEnumerable<T> cases, Func<T, CaseStatus> status, Func<T, bool> merged, Func<T, DateTimeOffset?> nextDueAt,
        Func<T, DateTimeOffset> openedAt, Func<T, DateTimeOffset> updatedAt)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var rows = cases.Select(c => (Case: c, Open: IsOpen(status(c), merged(c)))).ToList();
        var open = rows.Where(r => r.Open).Select(r => r.Case)
            .OrderBy(c => nextDueAt(c) is null)
            .ThenBy(c => nextDueAt(c))
            .ThenByDescending(openedAt);
        var done = rows.Where(r => !r.Open).Select(r => r.Case).OrderByDescending(updatedAt);
        return open.Concat(done);
    }
}
