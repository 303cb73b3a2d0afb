using Crm.Client.Security;

namespace Crm.Client.Infrastructure;

/// <summary>Who is acting, for the audit trail in every archive entry: the signed-in user's username.</summary>
public static class Actor
{
    public static string Of(HttpContext context) => context.User.Username();
}
