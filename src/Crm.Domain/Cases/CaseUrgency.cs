using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Domain.Sla;

namespace Crm.Domain.Cases;

/// <summary>
/// Where an open case stands in the work queue: the deadline of its earliest unfinished target. Cases whose clock
/// runs come first, soonest (or longest overdue) deadline first; cases waiting on the customer come after them, the
/// least time left first, because nobody can act on them until the customer writes.
/// </summary>
/// <param name="DueAt">The deadline the case is chasing; provisional while paused.</param>
/// <param name="Target">Which target that deadline belongs to.</param>
/// <param name="Status">That target's status (pending, warning, breached).</param>
/// <param name="Paused">The case waits on the customer and its resolution clock stands still.</param>
/// <param name="Left">Working time left to <paramref name="DueAt"/>; negative once overdue.</param>
public sealed partial record CaseUrgency(DateTimeOffset DueAt, SlaTarget Target, SlaStatus Status, bool Paused, TimeSpan Left)
{
    // Shifts a possibly negative time left into the non-negative range so that it sorts as text.
    private static readonly long LeftOffset = TimeSpan.FromDays(3650).Ticks;

    /// <summary>The urgency of an open case; null for a resolved or closed one, which leaves the queue.</summary>
    public static CaseUrgency? Of(CaseStatus status, SlaReport report)
    {
        if (status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            return null;
        }

        var (target, chased) = report.FirstResponse.CompletedAt is null
            ? (SlaTarget.FirstResponse, report.FirstResponse)
            : (SlaTarget.Resolution, report.Resolution);

        // An unanswered case is also late on resolution when that deadline comes first (a short resolution target).
        // (Once answered, the chased deadline is the resolution's own, which is never before itself.)
        if (report.Resolution.CompletedAt is null && !report.Resolution.IsPaused && report.Resolution.DueAt < chased.DueAt)
        {
            (target, chased) = (SlaTarget.Resolution, report.Resolution);
        }

        var paused = chased.IsPaused;
        return new CaseUrgency(chased.DueAt, target, chased.Status, paused, chased.Left);
    }

    /// <summary>
    /// A key that sorts as the queue must (ordinal text order), unique per case: running cases by deadline, then
    /// paused cases by time left.
    /// </summary>
    public string SortKey(string caseId) => Paused
        ? "1" + Clamp(Left.Ticks + LeftOffset).ToString("D19", CultureInfo.InvariantCulture) + "_" + caseId
        : "0" + Clamp(DueAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + caseId;

    /// <summary>Whether <paramref name="value"/> has the shape <see cref="SortKey"/> gives, so a continuation token can be checked.</summary>
    public static bool IsSortKey(string? value) => value is not null && SortKeyPattern().IsMatch(value);

    private static long Clamp(long value) => Math.Max(0, value);

    // \z, not $: $ also matches before a final newline, and a token comes back from callers.
    [GeneratedRegex(@"^[01][0-9]{19}_[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SortKeyPattern();
}
