using Crm.Contracts.Cases;

namespace Crm.Client.Cases;

/// <summary>What a bulk request does to each of its cases: the queue page's two bulk actions.</summary>
public enum BulkCaseOperation
{
    /// <summary>Assigns each case to <c>assignee</c> (null: nobody), as <c>PUT .../assignee</c> does one.</summary>
    Assign = 0,

    /// <summary>Applies <c>action</c> to each case, as <c>POST .../actions</c> does one.</summary>
    ChangeStatus = 1,
}

/// <summary>
/// How one case of a bulk request went: <see cref="Status"/> is what the single action would have answered (200, or
/// 400/403/404/409 with <see cref="Problem"/> in English, a key of <c>ProblemTexts</c>), <see cref="Case"/> the case
/// after it when it was done.
/// </summary>
public sealed record BulkCaseOutcome(string CaseId, int Status, CaseView? Case, string? Problem)
{
    public bool Done => Status == StatusCodes.Status200OK;
}
