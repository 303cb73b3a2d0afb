using System.Security.Claims;
using Crm.Contracts.Access;

namespace Crm.Client.Security;

/// <summary>
/// Who may put a case in whose hands: anyone who works cases may take one for themselves; giving it to someone else
/// needs cases.assign. The API, the new-case page and the queue's bulk actions all ask here, so they cannot disagree.
/// </summary>
public static class CaseAssignRules
{
    /// <summary>What the API answers, and what the pages say, when the rule refuses.</summary>
    public const string NeedsAssignPermission = "Assigning a case to someone else needs the cases.assign permission.";

    /// <summary>True when <paramref name="user"/> may make <paramref name="assignee"/> (null or blank: nobody) the assignee.</summary>
    public static bool MayAssign(ClaimsPrincipal user, string tenantId, string? assignee) =>
        string.IsNullOrWhiteSpace(assignee)
            ? user.Allows(tenantId, Permission.CasesAssign)
            : Usernames.Normalize(assignee) == user.Username() || user.Allows(tenantId, Permission.CasesAssign);

    /// <summary>On a new case no assignee is always fine: the case simply starts unassigned.</summary>
    public static bool MayAssignOnOpen(ClaimsPrincipal user, string tenantId, string? assignee) =>
        string.IsNullOrWhiteSpace(assignee) || MayAssign(user, tenantId, assignee);
}
