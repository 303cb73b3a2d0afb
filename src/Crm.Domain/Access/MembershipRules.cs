namespace Crm.Domain.Access;

/// <summary>
/// What a change of a user's roles in a tenant may not do: an admin may not remove themselves (they would lock themselves
/// out mid-task, and the audit would show nobody who did it on purpose), and no change may leave a tenant that has a
/// tenant admin without one, since then only a platform operator could manage its users again.
/// </summary>
public static class MembershipRules
{
    public const string NotYourself = "You cannot remove yourself from the tenant: ask another tenant admin.";
    public const string LastTenantAdmin = "The tenant must keep at least one tenant admin.";

    /// <param name="actor">Who makes the change (a username).</param>
    /// <param name="target">Whose roles change.</param>
    /// <param name="removes">Whether the change removes the target from the tenant (no roles left).</param>
    /// <param name="adminsBefore">Members holding the tenant-admin role now.</param>
    /// <param name="adminsAfter">Members that would hold it after the change.</param>
    /// <returns>Null when allowed, otherwise the reason (English; the front end translates it).</returns>
    public static string? RoleChangeProblem(string actor, string target, bool removes, int adminsBefore, int adminsAfter)
    {
        if (removes && string.Equals(actor, target, StringComparison.Ordinal))
        {
            return NotYourself;
        }

        // A tenant without an admin (one the operator is still setting up) may be changed freely.
        return adminsBefore > 0 && adminsAfter == 0 ? LastTenantAdmin : null;
    }
}
